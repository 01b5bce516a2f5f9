"""Evaluation helpers: labeled data sets and the project's detection metrics.

Kept free of integration imports (langchain, llama_index) and of heavy optional dependencies at
import time, so benchmarks and tests can load data and score results with the base install.
"""

"""LlamaIndex integration: private query and chat engines over local documents.

Import cost stays low for the core (it never imports this package); here llama-index-core is
required (`pip install "llm-pseudonym[llamaindex]"`).
"""

from llamaindex_pseudonym.llm import PseudonymizedLLM, UnsupportedContentError
from llamaindex_pseudonym.pairing import PrivateRAG
from llamaindex_pseudonym.postprocessor import PseudonymizingNodePostprocessor

__all__ = [
    "PrivateRAG",
    "PseudonymizedLLM",
    "PseudonymizingNodePostprocessor",
    "UnsupportedContentError",
]

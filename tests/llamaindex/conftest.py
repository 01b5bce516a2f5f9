"""Session-wide fixtures: real offline embeddings and one real index over the sample folder.

The shared `pseudonymizer` fixture comes from tests/conftest.py. The embedding model (torch) takes
seconds to load on a small CI machine, so it is built once; every test gets a fresh recording
cloud and its own pseudonymization session.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import pytest
from li_support import AUTHORS, DATA_DIR, CloudRecorder, offline_embedding
from llama_index.core import SimpleDirectoryReader, VectorStoreIndex
from llama_index.core.node_parser import SentenceSplitter


@pytest.fixture(scope="session")
def embed_model() -> Any:
    return offline_embedding()


@pytest.fixture(scope="session")
def documents() -> list[Any]:
    def file_metadata(path: str) -> dict[str, Any]:
        name = Path(path).name
        return {"file_name": name, "author": AUTHORS[name]}

    docs = SimpleDirectoryReader(str(DATA_DIR), file_metadata=file_metadata).load_data()
    for doc in docs:
        doc.excluded_embed_metadata_keys = ["file_name"]
    return docs


@pytest.fixture(scope="session")
def index(documents: list[Any], embed_model: Any) -> VectorStoreIndex:
    return VectorStoreIndex.from_documents(
        documents,
        embed_model=embed_model,
        transformations=[SentenceSplitter(chunk_size=128, chunk_overlap=0)],
    )


@pytest.fixture
def cloud() -> CloudRecorder:
    return CloudRecorder()


@pytest.fixture
def chat_cloud() -> CloudRecorder:
    return CloudRecorder(chat_model=True)

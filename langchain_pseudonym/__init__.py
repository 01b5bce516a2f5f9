"""LangChain adapters for llm-pseudonym: personal data stays local, the cloud model sees surrogates.

```python
from pseudonym_core import Pseudonymizer
from langchain_pseudonym import PseudonymizedChatModel

llm = PseudonymizedChatModel(llm=ChatOpenAI(model="gpt-4o-mini"), pseudonymizer=Pseudonymizer())
```

All detection, surrogate and restore logic lives in `pseudonym_core`; this package only maps it
onto LangChain's messages, runnables, documents and callbacks.
"""

from langchain_pseudonym._session import MissingSessionError
from langchain_pseudonym.audit import AuditRecord, LeakAudit
from langchain_pseudonym.chat_model import PseudonymizedChatModel
from langchain_pseudonym.documents import PseudonymizingDocumentTransformer
from langchain_pseudonym.runnables import PseudonymizeRunnable, RestoreRunnable

__all__ = [
    "AuditRecord",
    "LeakAudit",
    "MissingSessionError",
    "PseudonymizeRunnable",
    "PseudonymizedChatModel",
    "PseudonymizingDocumentTransformer",
    "RestoreRunnable",
]

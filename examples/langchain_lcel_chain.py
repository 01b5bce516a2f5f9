"""LCEL chain over a pseudonymized cloud model: prompt | PseudonymizedChatModel | parser.

Run offline:  python examples/langchain_lcel_chain.py
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a source checkout

from langchain_cloud_stand_in import ScriptedCloudModel, print_cloud_view
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate

from langchain_pseudonym import LeakAudit, PseudonymizedChatModel
from pseudonym_core import Pseudonymizer

PATIENT = {
    "patient": "Maria Garcia",
    "email": "maria.garcia@example.org",
    "phone": "+49 30 12345678",
    "doctor": "Hans Becker",
    "city": "Hamburg",
}


def draft_reminder(messages: list[BaseMessage]) -> AIMessage:
    """What a cloud model might write, built only from the text it received."""
    request = messages[-1].text
    found = re.search(
        r"for (?P<patient>.+?) \((?P<email>\S+), (?P<phone>.+?)\).*Dr\. (?P<doctor>.+?) in (?P<city>.+?)\.",
        request,
    )
    if found is None:
        return AIMessage(content=f"I could not parse the request: {request}")
    f = found.groupdict()
    return AIMessage(
        content=(
            f"Dear {f['patient']}, this is a friendly reminder of your appointment with Dr. {f['doctor']} "
            f"at our {f['city']} practice next Tuesday. If you need to reschedule, reply to this message; "
            f"we will confirm at {f['email']} or call you at {f['phone']}."
        )
    )


def main() -> None:
    pseudonymizer = Pseudonymizer()
    audit = LeakAudit()
    cloud = ScriptedCloudModel(reply=draft_reminder, callbacks=[audit])  # e.g. ChatOpenAI(model="gpt-4o-mini")
    llm = PseudonymizedChatModel(llm=cloud, pseudonymizer=pseudonymizer)

    prompt = ChatPromptTemplate.from_messages(
        [
            ("system", "You write short, friendly appointment reminders for a medical practice."),
            (
                "human",
                "Write a reminder for {patient} ({email}, {phone}) about the visit to Dr. {doctor} in {city}.",
            ),
        ]
    )
    chain = prompt | llm | StrOutputParser()

    answer = "".join(chain.stream(PATIENT))  # streamed: restored piece by piece

    print_cloud_view(audit)
    print()
    print("=== Restored answer (only on this machine) ===")
    print(answer)
    print()
    audit.assert_no_leaks(PATIENT.values())
    print(f"Leak audit: passed ({len(audit.records)} cloud call(s), {len(PATIENT)} personal values checked)")


if __name__ == "__main__":
    main()

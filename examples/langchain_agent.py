"""A LangChain agent (create_agent + @tool) whose cloud model never sees the customer's data.

The model asks for a lookup with the surrogate name it was shown; the wrapper restores the tool
call, so the tool searches the local CRM with the real name; the tool result goes back to the
model pseudonymized; the final answer is restored for the user.

Run offline:  python examples/langchain_agent.py
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a source checkout

from langchain.agents import create_agent
from langchain_cloud_stand_in import ScriptedCloudModel, print_cloud_view
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, ToolMessage
from langchain_core.tools import tool

from langchain_pseudonym import LeakAudit, PseudonymizedChatModel
from pseudonym_core import Pseudonymizer

# The local CRM: stays on this machine.
CRM = {
    "Oliver Brennan": {
        "email": "oliver.brennan@example.net",
        "city": "Dublin",
        "plan": "Premium",
        "since": 2019,
    },
}
ORIGINALS = ["Oliver Brennan", "oliver.brennan@example.net", "Dublin"]
REQUEST = "Look up the customer Oliver Brennan and tell me his plan and email address."
tool_inputs: list[str] = []


@tool
def lookup_customer(name: str) -> str:
    """Look up a customer in the CRM by full name."""
    tool_inputs.append(name)
    record = CRM.get(name)
    if record is None:
        return f"No customer named {name}."
    return (
        f"{name}: plan {record['plan']}, customer since {record['since']}, "
        f"email {record['email']}, lives in {record['city']}."
    )


def cloud_policy(messages: list[BaseMessage]) -> AIMessage:
    """What a tool-calling cloud model would do with the (pseudonymized) conversation."""
    last = messages[-1]
    if isinstance(last, ToolMessage):
        found = re.search(r"^(.+?): plan (\w+).*email (\S+),", last.text)
        if found is None:
            return AIMessage(content=f"The CRM says: {last.text}")
        name, plan, email = found.groups()
        return AIMessage(content=f"{name} is on the {plan} plan; the email address on file is {email}.")
    request = next(m.text for m in reversed(messages) if isinstance(m, HumanMessage))
    name = re.search(r"customer (.+?) and", request)
    args = {"name": name.group(1) if name else request}
    return AIMessage(content="", tool_calls=[{"name": "lookup_customer", "args": args, "id": "call_1"}])


def main() -> None:
    pseudonymizer = Pseudonymizer()
    audit = LeakAudit()
    cloud = ScriptedCloudModel(reply=cloud_policy, callbacks=[audit])  # e.g. ChatOpenAI(model="gpt-4o-mini")
    model = PseudonymizedChatModel(llm=cloud, pseudonymizer=pseudonymizer)
    agent = create_agent(model, tools=[lookup_customer], system_prompt="You are a helpful CRM assistant.")

    result = agent.invoke({"messages": [HumanMessage(REQUEST)]})

    print_cloud_view(audit)
    print()
    print("=== On this machine ===")
    print(f"The tool was called with: {tool_inputs}")
    print(f"Restored answer: {result['messages'][-1].text}")
    print()
    audit.assert_no_leaks(ORIGINALS)
    print(f"Leak audit: passed ({len(audit.records)} cloud call(s), {len(ORIGINALS)} personal values checked)")


if __name__ == "__main__":
    main()

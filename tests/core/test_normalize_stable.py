"""A name mixing look-alike letters of two scripts: its cleaned form is stable, so the view's spelling
and the raw one are one vault entry (the call used to fail with "a new mapping duplicates a stored one")."""

from __future__ import annotations

import pytest

from pseudonym_core.normalize import clean_form, clean_key


@pytest.mark.parametrize("value", ["JдерYm", "Вﬁ", "Ιvan Рetrov", "Jоhn", "Kraków", "plain"])
def test_clean_form_is_stable(value: str) -> None:
    once = clean_form(value)
    assert clean_form(once) == once
    assert clean_key(once) == clean_key(value)


@pytest.mark.parametrize("text", ["Вﬁ", "JдерYm", "Ιvan Рetrov called about JдерYm"])
def test_mixed_script_look_alikes_do_not_fail_the_call(pseudonymizer: object, text: str) -> None:
    result = pseudonymizer.pseudonymize(text, session=pseudonymizer.session())  # type: ignore[attr-defined]
    for e in result.entities:
        assert text[e.start : e.end] not in result.text
    restored = pseudonymizer.restore(result.text, session=result.session_id)  # type: ignore[attr-defined]
    assert clean_form(restored) == clean_form(text)  # the original, as the vault keeps it (clean form)

"""Chat handles made of ordinary words, logins in other languages' labels and at a machine, logins
in table columns, and name-bearing handles closed by a number (issue 9: usernames)."""

from __future__ import annotations

import pytest

from pseudonym_core.detect.usernames import UsernameDetector


def _logins(text: str) -> list[str]:
    return [text[s.start : s.end] for s in UsernameDetector().detect(text) if s.label == "USERNAME"]


def test_a_time_stamped_speaker_made_of_words_is_a_handle() -> None:
    assert _logins("[21:04] hope_not_toxic: can i join? main sage") == ["hope_not_toxic"]


def test_a_speaker_that_talks_twice_is_a_handle_but_a_repeated_form_key_is_not() -> None:
    chat = "CozyCornerCass: thank you so much, took me 3 weekends\nviewer_77: nice\nCozyCornerCass: ok"
    assert _logins(chat).count("CozyCornerCass") == 2
    log = "TargetUserName: mtremblay   TargetDomain: CORP   Status: 0xC000006A\nTargetUserName: jdoe  x y"
    assert "TargetUserName" not in _logins(log)
    form = "first_name: John\nlast_name: Smith\nfirst_name: Anna\nlast_name: Berg"
    assert _logins(form) == []


@pytest.mark.parametrize(
    ("text", "login"),
    [
        ("Matteo Zanetti (utente MZANETT5)", "MZANETT5"),
        ("[x] AD-tunnus: lkarjala (ehdotus)", "lkarjala"),
        ("ssh petrenko@app-03 не пускает", "petrenko"),
        ("ahmed@build-07:~$ sudo systemctl restart nginx", "ahmed"),
        ("my strava is hope_runs_ldn", "hope_runs_ldn"),
        ("Buyer: hamish_mac88 (feedback 312 stars)", "hamish_mac88"),
        ("dm tkowalski about it", "tkowalski"),
        ("加我微信 siyuan_chen98 吧", "siyuan_chen98"),
        ("Linked alt KuyaMarc0_PH2 flagged.", "KuyaMarc0_PH2"),
    ],
)
def test_logins_after_labels_of_other_languages_at_machines_and_in_prose(text: str, login: str) -> None:
    assert login in _logins(text)


@pytest.mark.parametrize(
    "text",
    [
        "Usuário: bom dia, aqui é a Juliana. Usuário validado por matrícula.",
        "root@build-07 and mail to team@example.com",
        "set max_retries to 5 and client_ip, test_case1, user_id2",
    ],
)
def test_chat_words_system_accounts_and_code_names_are_no_logins(text: str) -> None:
    assert _logins(text) == []


def test_login_columns_of_tables_with_or_without_outer_pipes() -> None:
    md = "Emp ID | Name | Login | Dept\n100447 | Faith Abdullahi | fabdulla | Outbound\n"
    ssv = "samAccountName;displayName;department\nfhofer;Hofer, Franz;Schaden KFZ\n"
    assert "fabdulla" in _logins(md)
    assert "fhofer" in _logins(ssv)


@pytest.mark.parametrize(
    "text",
    [
        "npm i react@latest typescript@next lodash@beta; git@github.com:org/repo.git",
        "postgres://app@db-primary:5432/x and deploy@web01 ubuntu@ip-10-0-0-1",
        "(login FAILED) (user DELETED) (user NGINX)",
        "2025-02-27 09:14:22 INFO kafka.consumer: lag high\n2025-02-27 09:14:23 INFO worker_pool: idle now",
        "ping prod-db-01 and ping api-gw01",
    ],
)
def test_packages_hosts_statuses_and_loggers_are_no_logins(text: str) -> None:
    assert _logins(text) == []


@pytest.mark.parametrize(
    ("text", "login"),
    [
        ("you can find me as john_smith84 on github", "john_smith84"),
        ("find me as philadelphia_2093 on GitHub", "philadelphia_2093"),  # a city's name glued to a number
        ("I'm jsmith via Slack", "jsmith"),
    ],
)
def test_a_login_named_before_its_platform(text: str, login: str) -> None:
    assert login in _logins(text)


@pytest.mark.parametrize(
    "text",
    [
        "I posted it on GitHub and more on Slack",
        "we met 2023 on discord",
        "fixed v2.3 on GitHub",
        "saw it today on reddit",
    ],
)
def test_words_before_a_platform_are_no_logins(text: str) -> None:
    assert _logins(text) == []

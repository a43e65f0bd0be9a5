"""The local-folder store: what stages rely on when they put and get artifacts."""

from pathlib import Path

import pytest

from maestro.store import LocalStore, StoreError


def test_put_returns_the_hash_and_size_and_get_returns_the_bytes(tmp_path: Path) -> None:
    store = LocalStore(tmp_path)
    stored = store.put("jobs/1/labyrinth/level-01.json", b"{}\n", "application/json")
    assert stored.bytes == 3
    assert stored.sha256 == "ca3d163bab055381827226140568f3bef7eaac187cebd76878e0b63e9e442356"
    assert store.get("jobs/1/labyrinth/level-01.json") == b"{}\n"
    assert store.exists("jobs/1/labyrinth/level-01.json")


def test_overwriting_leaves_no_temporary_files(tmp_path: Path) -> None:
    store = LocalStore(tmp_path)
    store.put("a/b.bin", b"1", "application/octet-stream")
    store.put("a/b.bin", b"22", "application/octet-stream")
    assert [p.name for p in (tmp_path / "a").iterdir()] == ["b.bin"]
    assert store.get("a/b.bin") == b"22"


@pytest.mark.parametrize("key", ["", "/etc/passwd", "../x", "a/../../x", "a//b", "./a"])
def test_keys_that_could_escape_the_root_are_refused(tmp_path: Path, key: str) -> None:
    with pytest.raises(StoreError, match="invalid store key"):
        LocalStore(tmp_path).put(key, b"x", "text/plain")


def test_a_missing_key_is_a_store_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"nope\.json"):
        LocalStore(tmp_path).get("nope.json")
    assert not LocalStore(tmp_path).exists("nope.json")

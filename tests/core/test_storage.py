"""The media storage publishes only complete files, under names nobody else has."""

from django.core.files.base import ContentFile

from core.storage import MediaStorage


def test_saved_file_gets_its_name_and_leaves_no_temporary_file(tmp_path):
    storage = MediaStorage(location=tmp_path)
    name = storage.save("uploads/anh.jpg", ContentFile(b"first"))
    assert name == "uploads/anh.jpg"
    assert [p.name for p in (tmp_path / "uploads").iterdir()] == ["anh.jpg"]
    assert (tmp_path / "uploads" / "anh.jpg").read_bytes() == b"first"


def test_a_taken_name_is_never_overwritten(tmp_path):
    storage = MediaStorage(location=tmp_path)
    first = storage.save("uploads/anh.jpg", ContentFile(b"first"))
    # As if another request took the name between choosing it and writing.
    second = storage._save(first, ContentFile(b"second"))
    assert second != first and second.startswith("uploads/anh_")
    assert storage.open(first).read() == b"first"
    assert storage.open(second).read() == b"second"
    assert sorted(p.name for p in (tmp_path / "uploads").iterdir()) == sorted(
        [first.split("/")[1], second.split("/")[1]]
    )


def test_overwriting_storage_replaces_the_file(tmp_path):
    storage = MediaStorage(location=tmp_path, allow_overwrite=True)
    storage.save("anh.jpg", ContentFile(b"first"))
    assert storage.save("anh.jpg", ContentFile(b"second")) == "anh.jpg"
    assert [p.name for p in tmp_path.iterdir()] == ["anh.jpg"]
    assert (tmp_path / "anh.jpg").read_bytes() == b"second"

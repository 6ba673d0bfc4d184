import unicodedata

import pytest

from core.text import (
    fold_for_search,
    from_typed_keys,
    normalize_text,
    search_document,
    search_words,
    vietnamese_slugify,
)


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Đà Nẵng đón Tết", "da-nang-don-tet"),
        (
            "Sở TT&TT Hà Nội chúc Tết Xuân Đinh Dậu 2017",
            "so-tt-tt-ha-noi-chuc-tet-xuan-dinh-dau-2017",
        ),
        ("ĐƯỜNG ĐI ĐỘC ĐẠO", "duong-di-doc-dao"),
        ("Phố Sách Đinh Dậu", "pho-sach-dinh-dau"),
        ("  Nhiều   khoảng trắng -- và dấu gạch  ", "nhieu-khoang-trang-va-dau-gach"),
        ("Giá xăng tăng 5%: người dân lo lắng?", "gia-xang-tang-5-nguoi-dan-lo-lang"),
        ("Ứng dụng “Hà Nội số” ra mắt", "ung-dung-ha-noi-so-ra-mat"),
    ],
)
def test_vietnamese_slugify_keeps_every_letter(title, slug):
    assert vietnamese_slugify(title) == slug


def test_vietnamese_slugify_handles_decomposed_input():
    decomposed = unicodedata.normalize("NFD", "Đà Nẵng đón Tết")
    assert vietnamese_slugify(decomposed) == "da-nang-don-tet"


def test_vietnamese_slugify_cuts_long_titles_at_a_word_boundary():
    slug = vietnamese_slugify("Thành phố " * 40, max_length=50)
    assert len(slug) <= 50
    assert slug.endswith("pho")


def test_vietnamese_slugify_of_symbols_only_is_empty():
    assert vietnamese_slugify("!!! ??? ###") == ""


def test_normalize_text_composes_and_strips_control_characters():
    decomposed = unicodedata.normalize("NFD", "Tiếng Việt\u0007 có\u200b dấu\nxuống dòng")
    assert normalize_text(decomposed) == "Tiếng Việt có dấu\nxuống dòng"
    assert unicodedata.is_normalized("NFC", normalize_text(decomposed))


def test_fold_for_search_ignores_accents_case_and_d_stroke():
    assert fold_for_search("Đà  NẴNG đón Tết") == "da nang don tet"


def test_normalize_text_composes_an_accent_split_from_its_letter_by_a_control_character():
    assert normalize_text("A\x1f\u0323") == "\u1ea0"  # "Ạ", one code point


def test_normalize_text_removes_lone_surrogates():
    # What unicode_escape makes of "\ud800": unrenderable, and PostgreSQL refuses it.
    assert normalize_text("Đà\ud800 Nẵng\udfff") == "Đà Nẵng"
    assert normalize_text("😀") == "😀"  # a real astral character stays


def test_vietnamese_slugify_keeps_a_slug_exactly_max_length_long_whole():
    # "tin-tin-…-tin-ngay": 49 times "tin-" and a last word, 200 characters.
    title = "tin " * 49 + "ngày"
    assert len(vietnamese_slugify(title)) == 200
    assert vietnamese_slugify(title).endswith("-tin-ngay")
    assert vietnamese_slugify("Đà Nẵng", max_length=7) == "da-nang"


def test_vietnamese_slugify_cuts_at_200_characters_by_default():
    # One character more than 200: the last word goes, the slug ends on a whole word.
    title = "tin " * 49 + "ngày1"
    assert vietnamese_slugify(title) == "-".join(["tin"] * 49)
    assert vietnamese_slugify("a" * 201) == "a" * 200  # one long word is cut, not emptied


@pytest.mark.parametrize(
    ("typed", "scheme", "meant"),
    [
        ("dda nawng", "telex", "đa năng"),
        ("ddaf nawxng", "telex", "đà nẵng"),
        ("Ddaf Nawxng", "telex", "Đà Nẵng"),
        ("nguowif", "telex", "người"),
        ("truwowngf", "telex", "trường"),
        ("hoaf binhf", "telex", "hòa bình"),
        ("thuyr", "telex", "thủy"),
        ("quoocs", "telex", "quốc"),
        ("gif", "telex", "gì"),
        ("Vieetj Nam", "telex", "Việt Nam"),
        ("d9a na8ng", "vni", "đa năng"),
        ("d9a2 na8ng4", "vni", "đà nẵng"),
        ("nguo7i2", "vni", "người"),
        ("hoa2 bi2nh", "vni", "hòa bình"),
        # What makes no Vietnamese syllable stays as typed.
        ("press", "telex", "press"),
        ("hello world", "telex", "hello world"),
        ("covid 19", "vni", "covid 19"),
        ("2025", "vni", "2025"),
        ("Đà Nẵng", "telex", "Đà Nẵng"),
    ],
)
def test_from_typed_keys_reads_telex_and_vni(typed, scheme, meant):
    assert from_typed_keys(typed, scheme=scheme) == meant


def test_search_document_keeps_the_title_apart_and_words_whole():
    document = search_document(title="Đà Nẵng: mùa lễ hội", text="Pháo hoa, 2025.")
    assert document == " da nang mua le hoi \n phao hoa 2025 "
    assert search_words("Hà Nội — “phố cổ”") == ["ha", "noi", "pho", "co"]

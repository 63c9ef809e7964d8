"""Finding 6: a UTF-8 file with "Café" and two damaged bytes was read as ISO-8859-2 ("CafĂŠ"),
another as cp1250, without a word. Whole UTF-8 sequences now mean UTF-8, with U+FFFD and C010."""

import pytest

from consortia.reader import decode

from .helpers import PARAGRAPH

CAFE = ("The Café Hospital opened. " + PARAGRAPH).encode("utf-8")


@pytest.mark.parametrize("damage", [b"\xff\xfe", b"\xff", b"\x80", b"\xc3(", b"\xe2\x82"])
def test_mostly_valid_utf8_is_read_as_utf8_with_replacement_and_the_documented_error(damage):
    data = CAFE.replace(b"opened", b"op" + damage + b"ened")
    text, encoding, problem = decode(data)
    assert encoding == "utf-8"
    assert "Café" in text and "\ufffd" in text
    assert problem.startswith("not valid UTF-8") and "U+FFFD" in problem


@pytest.mark.parametrize("codec", ["cp1252", "iso-8859-2"])
def test_a_file_that_is_legacy_through_and_through_is_still_read_as_such(codec):
    text, encoding, problem = decode(("Caf\u00e9 \u00e9t\u00e9 " + PARAGRAPH).encode(codec))
    assert encoding != "utf-8" and problem is None and "Caf\u00e9 \u00e9t\u00e9" in text


def test_chinese_in_gb18030_with_chance_utf8_pairs_is_still_gb18030():
    data = (PARAGRAPH + "\n武汉协和医院与咸宁市人民医院签署合作协议，双方将组建医疗联合体。\n").encode("gb18030")
    text, encoding, problem = decode(data)
    assert encoding == "gb18030" and "医疗联合体" in text and problem is None

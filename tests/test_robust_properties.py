"""Property tests over the whole pipeline (real model): whatever the text, no exception escapes,
one valid record comes back per document in order, and every offset indexes the raw text."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consortia.models import Record
from consortia.pipeline import Source
from consortia.runner import dump

SENTENCES = [
    "Shandong Provincial Hospital and the Affiliated Hospital of Qingdao University signed an agreement on 12 May 2018.",
    "Professor Liu Jianmin, president of Lanzhou University Second Hospital, attended.",
    "The Yunnan Health Commission invested 30 million yuan in the Kunming Children's Hospital.",
    "Karolinska University Hospital formed a partnership with Fudan University Huashan Hospital.",
    "南京鼓楼医院与苏州大学附属第一医院签署合作协议。",
    "Москва и Казань подписали соглашение.",
    "",
]
# Every category of character, control characters and odd separators included.
ANY_CHAR = st.characters(exclude_categories=["Cs"])
NOISE = st.sampled_from(["\r\n", "\r", "\n\n\n", "\x00", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\u2029",
                         "\ufeff", "\u200b", "\t", "  ", "•", "|", "©", "\ufffd", "Ã©", "ï¼Œ"])
LONG_LINE = st.one_of(  # very long lines: many words, or one unbroken run
    st.builds(lambda w, n: (w + " ") * n, st.sampled_from(["Hospital", "Wuhan", "医院", "2019"]), st.integers(50, 400)),
    st.builds(lambda c, n: c * n, st.sampled_from(["a", "-", "医", "\u00a0"]), st.integers(1000, 30000)))
PIECE = st.one_of(st.sampled_from(SENTENCES), NOISE, st.text(ANY_CHAR, max_size=40), LONG_LINE)
TEXT = st.lists(PIECE, max_size=8).map("".join)


def _check(record: Record, raw: str) -> None:
    Record.model_validate_json(dump(record))
    ids = [e.id for e in record.entities]
    assert len(set(ids)) == len(ids)
    for ent in record.entities:
        assert 0 <= ent.start < ent.end <= len(raw)
        assert raw[ent.start:ent.end] == ent.text
    for rel in record.relations:
        ev = rel.evidence
        assert 0 <= ev.start < ev.end <= len(raw) and raw[ev.start:ev.end] == ev.text
        assert rel.head.entity in ids + [None] and rel.tail.entity in ids + [None]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(TEXT, min_size=1, max_size=3))
def test_any_text_gives_valid_records_with_raw_offsets(extractor, texts):
    sources = [Source(doc_id=f"d{i}", source_path=f"d{i}.txt", sha256=str(i), raw=t)
               for i, t in enumerate(texts)]
    records = list(extractor.process(sources))
    assert [r.doc_id for r in records] == [s.doc_id for s in sources]
    for record, text in zip(records, texts):
        _check(record, text)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=300), encoding=st.sampled_from(["utf-8", "utf-16", "gb18030", "latin-1"]),
       text=TEXT)
def test_any_bytes_are_read_and_processed_without_exceptions(extractor, tmp_path_factory, data, encoding, text):
    from consortia.reader import read_source

    folder = tmp_path_factory.mktemp("bytes")
    encoded = text.encode(encoding, errors="replace")
    for name, payload in (("raw.txt", data), ("text.txt", encoded), ("mixed.txt", encoded + data)):
        (folder / name).write_bytes(payload)
    sources = [read_source(folder / n, max_bytes=1_000_000) for n in ("raw.txt", "text.txt", "mixed.txt")]
    for src, record in zip(sources, extractor.process(sources)):
        if src.raw is not None:
            assert src.raw == (folder / record.doc_id).with_suffix(".txt").read_bytes().decode(
                record.encoding, errors="replace")
            _check(record, src.raw)
        else:
            assert record.errors and not record.entities

"""Rules come from the structure of names, not from the seeds' answers: no institution or person
name of the seed texts may appear in the rules (pipelines/) or the code (src/)."""

from .conftest import ROOT

SEED_NAMES = [
    "Jishuitan", "Tongzipo", "Ming Tak Tong", "Chunhui", "Quanying", "Wangfan", "Yuhua",
    "Cuizhenze", "Chen Xiaodong", "Zhang Youmin", "Qugang", "Lin Hailong", "Huang Minghui",
    "Xia Pei", "Zhang Zongyi", "Yang Dan", "Liu Hanlong", "Wu Yongzhong", "Ma Quanying",
    "Oncology Medical Association", "Sun Yat-sen", "Hainan Cancer Hospital",
    "Hainan People's Hospital", "Dalian Central Hospital", "Dalian Health and Family Planning",
    "Chongqing Cancer Hospital", "Chongqing University", "Chongqing Health Committee",
    "Hunan Cancer Hospital", "Guizhou Medical University", "Bijie First", "Zhejiang Provincial People",
    "Shanghai Children", "Guangdong Provincial Hospital of Chinese Medicine", "Tianjin Cancer Hospital",
    "Hainan Medical College", "Chinese Academy of Medical Sciences", "National Natural Science Fund",
    "CPC Guizhou", "Guizhou Provincial Health Commission", "Guizhou Provincial Government",
    "eguizhou", "hnszlyy", "Complementary advantages", "127\" project",
]


def test_no_seed_name_in_rules_or_code():
    hits = []
    for folder in ("pipelines", "src"):
        for path in sorted((ROOT / folder).rglob("*")):
            if not path.is_file() or "__pycache__" in path.parts or path.suffix in {".pyc"}:
                continue
            text = path.read_text(encoding="utf-8", errors="ignore").replace("\u2019", "'").lower()
            hits += [f"{path.relative_to(ROOT)}: {name}" for name in SEED_NAMES if name.lower() in text]
    assert not hits, hits


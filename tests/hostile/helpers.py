"""Texts and small tools the hostile-input tests share."""

import copy

from consortia.pipeline import Extractor

CITIES = ["Harbin", "Changchun", "Shenyang", "Jinan", "Qingdao", "Zhengzhou", "Hefei", "Nanchang",
          "Fuzhou", "Xiamen", "Kunming", "Lanzhou", "Xining", "Yinchuan", "Hohhot", "Urumqi",
          "Nanning", "Taiyuan", "Shijiazhuang", "Wuhan"]

PARAGRAPH = ("Wuhan Union Hospital and the People's Hospital of Xianning signed an agreement on March 3, "
             "2021 to form a medical alliance. Professor Li Wenjun, president of Wuhan Union Hospital, "
             "said the alliance would train doctors from Xianning. The hospitals will share resources "
             "and experts, and patients in Xianning will be able to see specialists from Wuhan without "
             "travelling. The agreement runs for five years.")


def one_line(chars: int) -> str:
    """A one-line text of about `chars` characters, dense in the short references ("the
    hospital", "the two hospitals", "the city") whose resolution used to scan the whole text."""
    parts, i, size = [], 0, 0
    while size < chars:
        a, b = CITIES[i % 20], CITIES[(7 * i + 3) % 20]
        part = (f"{a} Central Hospital signed an agreement with {b} Cancer Hospital on May {i % 28 + 1}, "
                f"2019. The hospital will send doctors to the cancer hospital. The two hospitals formed a "
                f"medical alliance. Wang Jianguo, director of the {a} Municipal Health Commission, said "
                f"the city would invest 5 million yuan in the alliance. ")
        parts.append(part)
        size += len(part)
        i += 1
    return "".join(parts)[:chars].rstrip() + "\n"


def with_pipeline(extractor: Extractor, **pipeline) -> Extractor:
    """The session's pipeline (model loaded once) with other `[pipeline]` settings."""
    settings = extractor.settings.model_copy(update={"pipeline": extractor.settings.pipeline.model_copy(
        update=pipeline)})
    other = copy.copy(extractor)
    other.settings = settings
    return other

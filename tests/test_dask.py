"""`consortia run --engine dask`: a real LocalCluster with two worker processes writes exactly the
records of a local run."""

import pytest
from click.testing import CliRunner

from consortia.cli import cli
from consortia.runner import RunOptions, run

from .conftest import RAW


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0") as c:
        yield c


def test_dask_run_of_the_seeds_equals_a_local_run(cluster, tmp_path, extractor):
    local, remote = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    run(RunOptions(inputs=[str(RAW)], output=local, settings=extractor.settings, extractor=extractor))
    result = CliRunner().invoke(cli, ["run", str(RAW), "-o", str(remote), "--engine", "dask",
                                      "--scheduler", cluster.scheduler_address, "--batch-size", "2"])
    assert result.exit_code == 0, result.output
    assert "5 documents" in result.output
    assert remote.read_bytes() == local.read_bytes()


def test_each_dask_worker_builds_the_pipeline_once(cluster, tmp_path):
    from distributed import Client

    out = tmp_path / "dask.jsonl"
    for batch_size in ("1", "3"):
        result = CliRunner().invoke(cli, ["run", str(RAW), "-o", str(out), "--engine", "dask",
                                          "--scheduler", cluster.scheduler_address,
                                          "--batch-size", batch_size])
        assert result.exit_code == 0, result.output

    def pipelines_and_models():
        import gc

        from consortia import runner
        from consortia.pipeline import Extractor

        return len(runner._DASK_PIPELINES), sum(isinstance(o, Extractor) for o in gc.get_objects())

    with Client(cluster.scheduler_address) as client:
        assert set(client.run(pipelines_and_models).values()) == {(1, 1)}


def test_unreachable_scheduler_cannot_start(tmp_path):
    result = CliRunner().invoke(cli, ["run", str(RAW), "-o", str(tmp_path / "o.jsonl"), "--engine", "dask",
                                      "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2, result.output
    assert "cannot reach the Dask scheduler" in result.output and "dask scheduler" in result.output

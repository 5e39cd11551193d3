"""How many points a 3-D atlas may hold (issue 26): vizkit.atlas.limits.check_3d."""

import pytest

from vizkit.atlas.limits import MAX_3D_POINTS, check_3d
from vizkit.errors import InputError, VizkitError


def test_a_3d_map_at_the_limit_passes():
    assert check_3d(MAX_3D_POINTS, 3) is None
    assert check_3d(2, 3) is None


def test_one_point_over_the_limit_is_refused_naming_both_numbers_and_the_ways_out():
    with pytest.raises(InputError) as info:
        check_3d(MAX_3D_POINTS + 1, 3)
    msg = str(info.value)
    assert f"{MAX_3D_POINTS + 1:,}" in msg and f"{MAX_3D_POINTS:,}" in msg
    assert "software WebGL" in msg and "frame" in msg  # why
    assert "--dims 2" in msg and f"--max-points {MAX_3D_POINTS}" in msg  # what to do
    assert isinstance(info.value, (VizkitError, ValueError))  # the CLI's and the caller's except clauses


def test_a_million_point_3d_map_is_refused():
    with pytest.raises(InputError, match="1,000,000 points"):
        check_3d(1_000_000, 3)


@pytest.mark.parametrize("n", [0, 2, MAX_3D_POINTS, MAX_3D_POINTS + 1, 10_000_000])
def test_a_2d_map_is_never_refused(n):
    assert check_3d(n, 2) is None


def test_the_limit_is_a_whole_number_of_points_a_3d_map_can_hold():
    assert isinstance(MAX_3D_POINTS, int) and MAX_3D_POINTS >= 1_000


def test_a_3d_page_past_the_limit_is_refused_before_mapping(glove, tmp_path, capsys):
    from vizkit.cli import main

    assert main(["atlas", "--top-words", "6000", "--method", "pca", "--dims", "3", "--out", str(tmp_path / "a.html")]) == 1
    err = capsys.readouterr().err
    assert "6,000 points" in err and "--dims 2" in err and not (tmp_path / "a.html").exists()
    assert main(["atlas", "--top-words", "6000", "--max-points", "3000", "--method", "pca", "--dims", "3",
                 "--levels", "4", "--out", str(tmp_path / "b.html")]) == 0  # a sample fits

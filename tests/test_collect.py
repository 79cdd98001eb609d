"""``make collect``: an LMS zip becomes submitted/<student>/<assignment>/<notebook>.ipynb."""

import subprocess
import zipfile

from tests.grading.notebooks import REPO

NOTEBOOK = (REPO / "exercises" / "04-relu" / "relu.ipynb").read_bytes()


def make_collect(tmp_path, zip_path, assignment="04-relu", *args):
    return subprocess.run(
        ["make", "-s", "-C", str(REPO), "collect", "ZIP=%s" % zip_path,
         "ASSIGNMENT=%s" % assignment, "ARGS=--course-dir %s %s" % (tmp_path, " ".join(args))],
        capture_output=True, text=True, timeout=300)


def write_zip(path, members):
    with zipfile.ZipFile(path, "w") as z:
        for name, data, *when in members:
            info = zipfile.ZipInfo(name, date_time=when[0] if when else (2026, 1, 1, 0, 0, 0))
            z.writestr(info, data)
    return path


def submitted(tmp_path, notebooks_only=False):
    root = tmp_path / "submitted"
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()
                  and (p.suffix == ".ipynb" or not notebooks_only))


def test_collects_named_files_and_reports_every_other_member(tmp_path):
    zip_path = write_zip(tmp_path / "download.zip", [
        ("ada_relu.ipynb", NOTEBOOK),
        ("week4/grace.h_relu.ipynb", NOTEBOOK),           # folders inside the zip are ignored
        ("../../escape_relu.ipynb", NOTEBOOK),             # never leaves submitted/
        ("alan_saturation.ipynb", NOTEBOOK),               # another assignment's notebook
        ("readme.txt", b"hello"),
        ("__MACOSX/._ada_relu.ipynb", b"junk"),
    ])
    proc = make_collect(tmp_path, zip_path)
    assert proc.returncode == 0, proc.stderr
    assert submitted(tmp_path, notebooks_only=True) == [
        "ada/04-relu/relu.ipynb", "escape/04-relu/relu.ipynb", "grace.h/04-relu/relu.ipynb"]
    assert (tmp_path / "submitted/ada/04-relu/relu.ipynb").read_bytes() == NOTEBOOK
    assert sorted(p.name for p in tmp_path.iterdir()) == ["download.zip", "submitted"]
    assert "'saturation.ipynb' is not a notebook of this assignment" in proc.stdout
    assert "readme.txt (name is not <student>_<notebook>.ipynb nor a Canvas" in proc.stdout
    assert "collected 3, unchanged 0, kept 0, skipped 3" in proc.stdout


def test_never_overwrites_a_different_submission_unless_asked(tmp_path):
    first = write_zip(tmp_path / "first.zip", [("ada_relu.ipynb", NOTEBOOK)])
    assert make_collect(tmp_path, first).returncode == 0
    again = make_collect(tmp_path, first)
    assert "collected 0, unchanged 1, kept 0" in again.stdout
    second = write_zip(tmp_path / "second.zip", [("ada_relu.ipynb", NOTEBOOK + b" ")])
    kept = make_collect(tmp_path, second)
    assert "kept      ada/04-relu/relu.ipynb" in kept.stdout and "--replace" in kept.stdout
    assert (tmp_path / "submitted/ada/04-relu/relu.ipynb").read_bytes() == NOTEBOOK
    replaced = make_collect(tmp_path, second, "04-relu", "--replace")
    assert "collected 1" in replaced.stdout
    assert (tmp_path / "submitted/ada/04-relu/relu.ipynb").read_bytes() == NOTEBOOK + b" "


def test_newest_of_two_uploads_by_one_student_wins(tmp_path):
    zip_path = write_zip(tmp_path / "d.zip", [
        ("late/ada_relu.ipynb", NOTEBOOK + b"\n", (2026, 3, 2, 9, 0, 0)),
        ("early/ada_relu.ipynb", NOTEBOOK, (2026, 3, 1, 9, 0, 0)),
    ])
    proc = make_collect(tmp_path, zip_path)
    assert (tmp_path / "submitted/ada/04-relu/relu.ipynb").read_bytes() == NOTEBOOK + b"\n"
    assert "early/ada_relu.ipynb (older duplicate of late/ada_relu.ipynb)" in proc.stdout


def test_bad_input_names_the_problem_and_writes_nothing(tmp_path):
    not_zip = tmp_path / "grades.zip"
    not_zip.write_text("this is not a zip")
    cases = [(not_zip, "04-relu", "is not a zip archive"),
             (tmp_path / "missing.zip", "04-relu", "no such file"),
             (write_zip(tmp_path / "ok.zip", []), "04-reluu", "unknown assignment '04-reluu'; use one of: 01-activations"),
             ("", "04-relu", "usage: make collect ZIP=")]
    for zip_path, assignment, message in cases:
        proc = make_collect(tmp_path, zip_path, assignment)
        assert proc.returncode != 0 and message in proc.stderr, (message, proc.stderr)
    assert not (tmp_path / "submitted").exists()


def test_oversized_member_is_skipped(tmp_path):
    zip_path = write_zip(tmp_path / "d.zip", [("ada_relu.ipynb", b" " * (2 * 2**20))])
    proc = make_collect(tmp_path, zip_path, "04-relu", "--max-mb", "1")
    assert "ada_relu.ipynb (larger than 1 MiB)" in proc.stdout
    assert not (tmp_path / "submitted").exists()


def test_lms_downloads_with_roster_times_and_a_truncated_upload(tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("lms_id,student_id\ndoejohn,jdoe\n123456,mlee\nbsmith,bsmith\n")
    zip_path = write_zip(tmp_path / "lms.zip", [
        ("doejohn_12345_67890_relu.ipynb", NOTEBOOK, (2026, 3, 1, 8, 0, 0)),          # Canvas
        ("roelann_LATE_22222_33333_relu-1.ipynb", NOTEBOOK, (2026, 3, 3, 8, 0, 0)),   # Canvas, late
        ("Mei Lee_123456_assignsubmission_file_/relu.ipynb", NOTEBOOK, (2026, 3, 1, 7, 0, 0)),  # Moodle
        ("Week 4_bsmith_attempt_2026-03-02-23-59-30_relu.ipynb", NOTEBOOK),            # Blackboard
        ("Week 4_bsmith_attempt_2026-03-02-23-59-30.txt", b"Name: B Smith"),
        ("doejohn_12345_67891_relu.ipynb", NOTEBOOK[:200], (2026, 2, 1, 8, 0, 0)),      # older, cut
    ])
    proc = make_collect(tmp_path, zip_path, "04-relu", "--roster", str(roster))
    assert proc.returncode == 0, proc.stderr
    assert submitted(tmp_path) == [
        "bsmith/04-relu/relu.ipynb", "bsmith/04-relu/timestamp.txt", "jdoe/04-relu/relu.ipynb",
        "jdoe/04-relu/timestamp.txt", "mlee/04-relu/relu.ipynb", "mlee/04-relu/timestamp.txt"]
    stamp = (tmp_path / "submitted/bsmith/04-relu/timestamp.txt").read_text()
    assert stamp == "2026-03-02 23:59:30.000000 UTC"
    assert (tmp_path / "submitted/jdoe/04-relu/timestamp.txt").read_text().startswith("2026-03-01 08:00")
    assert "Canvas id roelann / 22222 is not in the roster" in proc.stdout
    assert "older duplicate of doejohn_12345_67890_relu.ipynb" in proc.stdout
    # without a roster, plain LMS ids become student ids, and a truncated upload is named
    truncated = write_zip(tmp_path / "cut.zip", [("roelann_LATE_22222_33333_relu.ipynb", NOTEBOOK[:300])])
    proc = make_collect(tmp_path, truncated)
    assert "unusable: not valid notebook JSON" in proc.stdout and "collected 0" in proc.stdout

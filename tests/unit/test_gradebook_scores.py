"""The feedback pages' scores read back in one batch are those nbgrader's objects give one by one."""

import warnings

from sqlalchemy.exc import SAWarning

from grader import autograde, grading

ASSIGNMENT = "04-relu"


def test_batch_scores_match_nbgrader_objects(tmp_path):
    spec = grading.load_spec(autograde.REPO / "solutions" / ASSIGNMENT / "relu.ipynb", ASSIGNMENT)
    db_url = "sqlite:///%s" % (tmp_path / "gradebook.db")
    autograde.ensure_in_gradebook(db_url, spec)
    with autograde.open_gradebook(db_url) as gb:
        for student in ("ada", "bob", "cy"):
            gb.update_or_create_student(student)
            with warnings.catch_warnings():  # nbgrader's autoflush notice, as in autograde.record
                warnings.simplefilter("ignore", SAWarning)
                gb.add_submission(ASSIGNMENT, student)
        auto_ids = [p.grade_id for p in spec.parts if p.kind == "auto"]
        manual_ids = [p.grade_id for p in spec.parts if p.kind == "manual"]
        for i, grade_id in enumerate(auto_ids):
            gb.find_grade(grade_id, spec.name, ASSIGNMENT, "ada").auto_score = float(i % 2)
            gb.find_grade(grade_id, spec.name, ASSIGNMENT, "bob").auto_score = 1.0
        written = gb.find_grade(manual_ids[0], spec.name, ASSIGNMENT, "ada")
        written.manual_score, written.extra_credit = 1.5, 0.5
        gb.find_grade(auto_ids[0], spec.name, ASSIGNMENT, "bob").manual_score = 0.25
        comment = gb.find_comment(manual_ids[0], spec.name, ASSIGNMENT, "ada")
        comment.manual_comment = "clear argument"
        gb.find_submission_notebook(spec.name, ASSIGNMENT, "bob").late_submission_penalty = 2.0
        gb.db.commit()
        keys = [(s, ASSIGNMENT, spec.name) for s in ("ada", "bob", "cy", "nobody")] + \
            [("ada", ASSIGNMENT, "other-notebook")]
        one_by_one = {}
        for key in keys:
            try:
                submission = gb.find_submission(ASSIGNMENT, key[0])
            except Exception:
                one_by_one[key] = ({}, 0.0)
                continue
            one_by_one[key] = autograde.gradebook_scores(submission, key[2])
        batch = autograde.batch_scores(gb, keys)
    assert batch == one_by_one
    ada = batch[("ada", ASSIGNMENT, spec.name)][0]
    assert ada[manual_ids[0]] == (2.0, ada[manual_ids[0]][1], "clear argument")
    assert batch[("bob", ASSIGNMENT, spec.name)][1] == 2.0
    assert all(score is None for score, _, _ in batch[("cy", ASSIGNMENT, spec.name)][0].values())

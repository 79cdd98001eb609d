"""nbgrader configuration for the course (instructors run nbgrader from the repository root)."""

import os
import sys

COURSE = os.path.dirname(os.path.abspath(__file__))
if COURSE not in sys.path:  # the grader/ package lives here, beside this file
    sys.path.insert(0, COURSE)

from nbconvert.preprocessors import ClearMetadataPreprocessor  # noqa: E402
from nbgrader.preprocessors import (AssignLatePenalties, CheckCellMetadata, GetGrades,  # noqa: E402
                                    IgnorePattern, LimitOutput, SaveAutoGrades)

from grader.nbgrader_hooks import CourseFeedbackExporter, SandboxAutograde  # noqa: E402

c = get_config()  # noqa: F821  (provided by nbgrader when it loads this file)

c.CourseDirectory.root = COURSE
c.CourseDirectory.course_id = "activation-functions"
# Instructor notebooks (answers, hidden tests) live beside the reference library;
# the generated student notebooks are committed under exercises/.
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"
c.CourseDirectory.db_url = "sqlite:///gradebook.db"

c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"
# LMS downloads: files named "<student>_<notebook>.ipynb" (see README, "For instructors").
c.ZipCollectApp.collector_plugin = "nbgrader.plugins.zipcollect.FileNameCollectorPlugin"
c.FileNameCollectorPlugin.named_regexp = r"(?P<student_id>[A-Za-z0-9.-]+)_(?P<file_id>.+\.ipynb)$"

# Every path that grades goes through the course's sandboxed grader: formgrader's Autograde
# button, NbGraderAPI.autograde and `nbgrader autograde` run SandboxAutograde where stock
# nbgrader would execute the notebook in a kernel (grader/nbgrader_hooks.py).
c.Autograde.autograde_preprocessors = [SandboxAutograde, IgnorePattern, ClearMetadataPreprocessor,
                                       LimitOutput, SaveAutoGrades, AssignLatePenalties,
                                       CheckCellMetadata]
# Generate/Release feedback (button, API, `nbgrader generate_feedback`) write the course's page:
# the grader's verdicts, manual grades and comments, never a hidden test.
c.GenerateFeedback.preprocessors = [GetGrades]
c.GenerateFeedback.exporter_class = CourseFeedbackExporter

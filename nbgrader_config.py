"""nbgrader configuration for the course (instructors run nbgrader from the repository root)."""

import os

c = get_config()  # noqa: F821  (provided by nbgrader when it loads this file)

c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))
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

"""The course's grader inside nbgrader's own pipeline, through nbgrader's configuration.

``nbgrader_config.py`` puts these classes where nbgrader looks for them, so every path an
instructor may take reaches the same grader:

* :class:`SandboxAutograde` replaces nbgrader's ``Execute`` step in ``Autograde``: the
  formgrader's *Autograde* button, ``NbGraderAPI.autograde`` and the ``nbgrader autograde``
  command grade each notebook in the course's sandbox (:func:`grader.grading.grade_notebook`),
  never in a kernel of the instructor's; nbgrader's own SaveAutoGrades and
  AssignLatePenalties then record the scores, which are the course grader's (a failed part's
  test cell carries an error output).
* :class:`CourseFeedbackExporter` replaces the HTML exporter of ``GenerateFeedback``: the
  *Generate feedback* button and ``nbgrader generate_feedback`` write the course's feedback
  page (:func:`grader.feedback.feedback_page`), with manual grades and comments and without
  hidden tests. *Release feedback* releases that page.

Nothing in nbgrader's files is patched. Imports of the grader happen inside the methods, so
loading ``nbgrader_config.py`` stays cheap and free of import cycles.
"""

from pathlib import Path

from nbconvert.exporters import Exporter
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Float, Int, default


def _converter_coursedir(step):
    """The CourseDirectory of the nbgrader converter running ``step``, or None."""
    node = step
    while node is not None:
        coursedir = getattr(node, "coursedir", None)
        if coursedir is not None:
            return coursedir
        node = getattr(node, "parent", None)
    return None


def _course_root(step):
    """The course folder and source directory of the converter running ``step``."""
    coursedir = _converter_coursedir(step)
    if coursedir is not None:
        return Path(coursedir.root), coursedir.source_directory
    from grader.nbgrader_rules import REPO
    return REPO, "solutions"


class SandboxAutograde(NbGraderPreprocessor):
    """Grade the notebook in the course's sandbox instead of executing it in a kernel."""

    time_limit = Float(60.0, help="seconds one sandbox run of a notebook may take").tag(config=True)
    memory_mb = Int(1024, help="memory limit of a sandbox in MiB").tag(config=True)

    _specs = {}
    _sandbox_checked = False

    def preprocess(self, nb, resources):
        from grader import feedback, grading, sandbox
        info = resources["nbgrader"]
        root, source_directory = _course_root(self)
        source = root / source_directory / info["assignment"] / (info["notebook"] + ".ipynb")
        key = (str(source), source.stat().st_mtime_ns)
        if key not in self._specs:
            self._specs[key] = grading.load_spec(source, info["assignment"])
        spec = self._specs[key]
        limits = sandbox.limits_for(self.time_limit, self.memory_mb)
        if not SandboxAutograde._sandbox_checked:
            sandbox.require_working_sandbox(limits)  # stop with bubblewrap's words, not zeros
            SandboxAutograde._sandbox_checked = True
        result = grading.grade_notebook(nb, spec, info["student"], limits=limits)
        self.log.info("Graded %s/%s of %s in the sandbox: %g of %g automatic points",
                      info["assignment"], info["notebook"], info["student"], result.score,
                      sum(p.max_points for p in result.parts if p.kind == "auto"))
        graded = feedback.autograded_notebook(nb, spec, result)
        from nbgrader.utils import compute_checksum, is_grade
        for cell in graded.cells:  # the visible test code nbgrader will check its checksums on
            if is_grade(cell) and not cell.metadata["nbgrader"].get("solution"):
                cell.metadata["nbgrader"]["checksum"] = compute_checksum(cell)
        return graded, resources


class CourseFeedbackExporter(Exporter):
    """Write the course's feedback page for an autograded notebook (after GetGrades)."""

    output_mimetype = "text/html"

    @default("file_extension")
    def _file_extension_default(self):
        return ".html"

    def from_notebook_node(self, nb, resources=None, **kw):
        from grader import feedback
        nb, resources = super().from_notebook_node(nb, resources, **kw)
        late = (resources or {}).get("nbgrader", {}).get("late_penalty") or 0.0
        return feedback.feedback_page(nb, feedback.scores_from_cells(nb), float(late)), resources

"""papermill execution in kernels that stay up between notebooks.

Starting an IPython kernel and importing pandas, matplotlib and this package costs more
than running one of the report notebooks, so each worker thread of the batch report
keeps one kernel and runs its notebooks in it one after another.  Before each notebook
the kernel's namespace is reset (``InteractiveShell.reset``: variables, history and the
execution counter start afresh; imported modules stay loaded) and the process state a
notebook can change is put back as it was before the kernel's first notebook (see
:mod:`helpers.batch.kernelstate`: working directory, ``sys.path``, environment variables,
warning filters, matplotlib rcParams, pandas options; open figures are closed), so a
notebook sees what it would see in a new kernel except for the modules already in
``sys.modules``.  A notebook that assigns attributes of an imported module would still
pass them on: the project's notebooks only call the package's functions.  A kernel in which a notebook
failed or died is shut down and the next notebook gets a new one.

The kernel is this interpreter's ``python3`` kernel: jupyter_client launches a kernel
spec whose argv[0] is ``python`` with ``sys.executable``, so notebooks run in the
project's virtual environment, whichever Jupyter installation is on PATH.
"""
from __future__ import annotations

import subprocess
import threading
from typing import Any

from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import ensure_event_loop

ENGINE_NAME = "helpers-warm-kernel"

# Run silently before every notebook in a warm kernel: the first time it records the
# process state a notebook may change (helpers.batch.kernelstate), later it restores it.
RESET_CODE = """\
get_ipython().reset(new_session=True, aggressive=False)
import helpers.batch.kernelstate as __report_state
__report_state.baseline_or_restore({cwd!r})
del __report_state
"""


class QuietKernelManager(AsyncKernelManager):
    """The kernel process's own log lines (transport warnings, shutdown notices) stay
    off the user's terminal; what the notebook's code prints is captured in the
    notebook."""

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: Any):
        kw.setdefault("stdout", subprocess.DEVNULL)
        kw.setdefault("stderr", subprocess.DEVNULL)
        return await super()._async_launch_kernel(kernel_cmd, **kw)


class WarmKernel:
    """One kernel per thread, kept between notebooks (see the module docstring)."""

    def __init__(self, cwd: str):
        self.cwd = cwd
        self.km: AsyncKernelManager | None = None
        self.loop = None

    def manager(self, kernel_name: str) -> AsyncKernelManager:
        if self.km is None:
            # nbclient starts the kernel on first use, in this thread's event loop
            self.km = QuietKernelManager(kernel_name=kernel_name)
            self.loop = ensure_event_loop()
        return self.km

    def start(self, kernel_name: str, preload: str | None = None, timeout: float = 120) -> None:
        """Start the kernel now (not at the first notebook) and run ``preload`` in it
        silently, e.g. the notebooks' import statements, so the start-up overlaps with
        other work.  The namespace is reset before the first notebook all the same."""
        km = self.manager(kernel_name)
        assert self.loop is not None

        async def go() -> None:
            await km.start_kernel(cwd=self.cwd)
            kc = km.client()
            kc.start_channels()
            try:
                await kc.wait_for_ready(timeout=timeout)
                if preload:
                    msg_id = kc.execute(preload, silent=True, store_history=False, allow_stdin=False)
                    while True:
                        reply = await kc.get_shell_msg(timeout=timeout)
                        if reply.get("parent_header", {}).get("msg_id") == msg_id:
                            break
            finally:
                kc.stop_channels()

        self.loop.run_until_complete(go())

    def discard(self) -> None:
        """Shut the kernel down (after a failure, or at the end of the batch)."""
        km, loop = self.km, self.loop
        self.km, self.loop = None, None
        if km is None or loop is None:
            return
        try:
            if km.has_kernel:
                loop.run_until_complete(km.shutdown_kernel(now=True))
        except Exception:  # the kernel is gone already
            pass


class KernelPool:
    """The warm kernels of a batch, one per worker thread."""

    def __init__(self, cwd: str):
        self.cwd = cwd
        self._local = threading.local()
        self._all: list[WarmKernel] = []
        self._lock = threading.Lock()

    def kernel(self) -> WarmKernel:
        warm = getattr(self._local, "warm", None)
        if warm is None:
            warm = self._local.warm = WarmKernel(self.cwd)
            with self._lock:
                self._all.append(warm)
        return warm

    def close(self) -> None:
        """Shut every kernel down (call once the worker threads are done)."""
        with self._lock:
            kernels, self._all = self._all, []
        for warm in kernels:
            warm.discard()


_ENGINE_LOCK = threading.Lock()
_ENGINE_READY = False


def _register_engine() -> None:
    """Define and register the papermill engine (papermill is imported only here: it
    takes a second, which the kernels' start-up overlaps)."""
    global _ENGINE_READY
    with _ENGINE_LOCK:
        if _ENGINE_READY:
            return
        from papermill.clientwrap import PapermillNotebookClient
        from papermill.engines import NBClientEngine, papermill_engines
        from papermill.log import logger
        from papermill.utils import merge_kwargs, remove_args

        class _ResettingClient(PapermillNotebookClient):
            """papermill's client, preceded by a silent reset of the kernel's state."""

            def __init__(self, nb_man: Any, *, reset_code: str | None = None, **kw: Any):
                super().__init__(nb_man, **kw)
                self._reset_code = reset_code

            def papermill_execute_cells(self) -> None:
                if self._reset_code:
                    msg_id = self.kc.execute(self._reset_code, silent=True, store_history=False,
                                             allow_stdin=False)
                    reply = self.wait_for_reply(msg_id)
                    if reply is None or reply.get("content", {}).get("status") != "ok":
                        raise RuntimeError("could not reset the reused kernel")
                super().papermill_execute_cells()

        class WarmKernelEngine(NBClientEngine):
            """papermill engine that runs the notebook in the kernel of ``warm`` (a
            :class:`WarmKernel`) instead of starting and stopping one."""

            @classmethod
            def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False, stdout_file=None,
                                         stderr_file=None, start_timeout=60, execution_timeout=None, **kwargs):
                warm: WarmKernel = kwargs.pop("warm")
                kwargs = remove_args(["input_path"], **kwargs)
                safe_kwargs = remove_args(["timeout", "startup_timeout"], **kwargs)
                final_kwargs = merge_kwargs(
                    safe_kwargs,
                    timeout=execution_timeout if execution_timeout else kwargs.get("timeout"),
                    startup_timeout=start_timeout,
                    kernel_name=kernel_name,
                    log=logger,
                    log_output=log_output,
                    stdout_file=stdout_file,
                    stderr_file=stderr_file,
                )
                km = warm.manager(kernel_name)
                client = _ResettingClient(nb_man, km=km, reset_code=RESET_CODE.format(cwd=warm.cwd),
                                          **final_kwargs)
                try:
                    return client.execute()
                finally:
                    if client.kc is not None:
                        client.kc.stop_channels()

        papermill_engines.register(ENGINE_NAME, WarmKernelEngine)
        _ENGINE_READY = True


def import_statements(paths: list[str]) -> str:
    """The top-level ``import`` statements of the notebooks' code cells (parameter
    cells and magics aside), for :meth:`WarmKernel.start`."""
    import ast

    import nbformat

    lines: list[str] = []
    for path in paths:
        try:
            nb = nbformat.read(path, as_version=4)
        except Exception:
            continue
        for cell in nb.cells:
            if cell.cell_type != "code" or "parameters" in cell.metadata.get("tags", []):
                continue
            src = "\n".join(line for line in cell.source.splitlines() if not line.lstrip().startswith(("%", "!")))
            try:
                tree = ast.parse(src)
            except SyntaxError:
                continue
            for node in tree.body:
                if isinstance(node, (ast.Import, ast.ImportFrom)) and not (
                        isinstance(node, ast.ImportFrom) and node.level):
                    stmt = ast.unparse(node)
                    if stmt not in lines:
                        lines.append(stmt)
    # each import on its own: one that fails must not stop the others
    return "\n".join(f"try:\n    {stmt}\nexcept Exception:\n    pass" for stmt in lines)


def execute(input_path: str, output_path: str, parameters: dict[str, Any], *, warm: WarmKernel | None,
            cwd: str, kernel_name: str = "python3", timeout: int | None = None, start_timeout: int = 120):
    """``papermill.execute_notebook`` with the batch's settings: no progress bar, no
    saving after every cell, the kernel started in ``cwd``; in ``warm``'s kernel when
    given, else in a fresh kernel that is stopped afterwards."""
    import papermill as pm

    common = dict(parameters=parameters, kernel_name=kernel_name, progress_bar=False, log_output=False,
                  request_save_on_cell_execute=False, start_timeout=start_timeout,
                  execution_timeout=timeout, resources={"metadata": {"path": cwd}})
    if warm is None:
        return pm.execute_notebook(input_path, output_path, kernel_manager_class=QuietKernelManager, **common)
    _register_engine()
    return pm.execute_notebook(input_path, output_path, engine_name=ENGINE_NAME, warm=warm, **common)

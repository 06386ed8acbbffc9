"""The "Report a problem" endpoint shared by every public record page."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from .reports import REPORTABLE, ReportForm, save_report, throttled


@require_POST
def report_problem(request, kind: str, pk: int):
    model = REPORTABLE.get(kind)
    if model is None:
        raise Http404("Nothing to report on here.")
    record = get_object_or_404(model, pk=pk)
    if throttled(request):
        return render(request, "policies/report_problem.html",
                      {"record": record, "kind": kind, "form": ReportForm(request.POST),
                       "throttled": True}, status=429)
    form = ReportForm(request.POST)
    if not form.is_valid():
        return render(request, "policies/report_problem.html",
                      {"record": record, "kind": kind, "form": form}, status=400)
    save_report(request, record, form)
    messages.success(request, "Thank you: your report is in the editors' review queue.")
    return redirect(record)

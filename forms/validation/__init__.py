"""Validation of a document against its form: findings with codes, cells and figures."""

from forms.validation.engine import Report, Status, Validation, validate
from forms.validation.rules import Finding

__all__ = ["Finding", "Report", "Status", "Validation", "validate"]

from django.core.exceptions import ValidationError


def error_text(error: ValidationError) -> str:
    """A service's refusal as one sentence for a form or a message."""
    return " ".join(error.messages)

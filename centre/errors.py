"""The errors a user can cause, shared by every app's services."""


class UserError(Exception):
    """An error the user caused, named by a code, with a message in the user's language. Views
    and the admin show it (on the form's `field` when there is one) instead of failing. Each
    app's subclass lists its codes and messages."""

    messages: dict = {}

    def __init__(self, code: str, field: str | None = None):
        self.code = code
        self.field = field
        super().__init__(str(self.messages[code]))

    @property
    def message(self) -> str:
        return str(self.messages[self.code])

    def show_on(self, form) -> None:
        """Puts the message on the form: beside the field it is about, or above the form."""
        field = self.field if self.field in form.fields else None
        form.add_error(field, self.message)

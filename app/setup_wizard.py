"""First-run set-up, as steps a front end walks through (no Qt; STYLE.md practice 1, after Electrum's wizard).

Step 1 names the administrator; step 2 sets and confirms the passphrase; the
last step creates the store, the administrator and the workstation identity.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from app import accounts, store
from app.context import AccountContext
from app.errors import HuishenError, InvalidInput
from app.i18n import tr

STEPS = ("administrator", "passphrase", "create")


@dataclass
class SetupWizard:
    """State of the first-run wizard; each ``submit_*`` returns an error message or None."""

    directory: Path
    step: str = "administrator"
    admin_name: str = ""
    _passphrase: str = field(default="", repr=False)

    @staticmethod
    def needed(directory: Path) -> bool:
        """Whether ``directory`` holds no store yet (so the wizard should run)."""
        return not store.exists(directory)

    def submit_administrator(self, name: str) -> str | None:
        try:
            self.admin_name = accounts.check_name(name, tr("account"))
        except InvalidInput as exc:
            return exc.message
        self.step = "passphrase"
        return None

    def submit_passphrase(self, passphrase: str, again: str) -> str | None:
        if passphrase != again:
            return tr("The two passphrases differ.")
        try:
            accounts.check_passphrase(passphrase)
        except InvalidInput as exc:
            return exc.message
        self._passphrase = passphrase
        self.step = "create"
        return None

    def back(self) -> None:
        """One step back (the passphrase is forgotten)."""
        self._passphrase = ""
        self.step = STEPS[max(0, STEPS.index(self.step) - 1)]

    def create(self) -> AccountContext:
        """Create the store; the wizard forgets the passphrase either way."""
        if self.step != "create" or not self._passphrase:
            raise InvalidInput(tr("Finish the earlier steps first."))
        passphrase, self._passphrase = self._passphrase, ""
        try:
            return accounts.init_store(self.directory, self.admin_name, passphrase)
        except HuishenError:
            self.step = "administrator"
            raise

"""What the referential commands share: a progress line and a closing summary."""

from django.core.management.base import BaseCommand, CommandError

from .reading import ReferentialFileError

MAX_NOTES = 30


class ReferentialCommand(BaseCommand):
    label = ""

    def progress(self, done: int, total: int):
        end = "\n" if done == total else ""
        self.stdout.write(f"\r{self.label} : {done}/{total} lignes", ending=end)
        self.stdout.flush()

    def run(self, load, *args, **kwargs):
        """Run a loader, turning an unreadable file into a French command error, then
        print what changed and what the operator should look at."""
        try:
            summary = load(*args, progress=self.progress, **kwargs)
        except ReferentialFileError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"{self.label} : {summary.created} créé(s), {summary.updated} modifié(s), "
                f"{summary.unchanged} inchangé(s)."
            )
        )
        for note in summary.notes[:MAX_NOTES]:
            self.stdout.write(f"  – {note}")
        if len(summary.notes) > MAX_NOTES:
            self.stdout.write(f"  … et {len(summary.notes) - MAX_NOTES} autre(s) remarque(s).")
        return summary

from django import forms
from dsfr.forms import DsfrBaseForm
from dsfr.utils import dsfr_input_class_attr

from actions.models import Action
from conventions.models import Amendment, Convention
from directory.models import Organisation, Representative
from directory.pickers import representative_label
from directory.services import representatives_current_first
from ort_portal.dates import PlausibleDatesMixin
from ort_portal.widgets import DateTimeLocalInput, SearchSelect, Textarea

from .models import Attendance, Committee, CommitteeMember, Decision, Meeting
from .services import Presence


class MeetingForm(PlausibleDatesMixin, forms.ModelForm, DsfrBaseForm):
    class Meta:
        model = Meeting
        fields = ["starts_at", "ends_at", "place", "agenda"]
        widgets = {
            "starts_at": DateTimeLocalInput(),
            "ends_at": DateTimeLocalInput(),
            "agenda": Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "starts_at": "Heure de Paris.",
            "agenda": "Un point par ligne.",
        }


class RepresentativeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return representative_label(obj)


class CommitteeMemberForm(DsfrBaseForm):
    representative = RepresentativeChoiceField(
        label="Représentant",
        queryset=Representative.objects.none(),
        required=False,
        help_text="Les représentants en fonction sont proposés en premier.",
        widget=SearchSelect("directory:representative_search", "Rechercher un représentant"),
    )
    organisation = forms.ModelChoiceField(
        label="Ou organisation",
        queryset=Organisation.objects.alphabetical(),
        required=False,
        help_text="Pour un siège « ou son représentant » sans personne désignée.",
        widget=SearchSelect("directory:organisation_search", "Rechercher une organisation"),
    )
    label = forms.CharField(
        label="Qualité", max_length=300, required=False, help_text="« Maire de Libercourt »…"
    )
    role = forms.ChoiceField(
        label="Rôle", choices=CommitteeMember.Role.choices, initial=CommitteeMember.Role.MEMBRE
    )

    def __init__(self, *args, committee: Committee, user=None, **kwargs):
        """With `user`, the lists hold only the people and organisations the user may see
        (directory's for_user): a chef de projet never sees another territory's people."""
        super().__init__(*args, **kwargs)
        self.committee = committee
        representatives = Representative.objects.select_related("organisation")
        organisations = Organisation.objects.alphabetical()
        if user is not None:
            representatives = representatives.for_user(user)
            organisations = organisations.for_user(user)
        self.fields["representative"].queryset = representatives_current_first(representatives)
        self.fields["organisation"].queryset = organisations

    def clean(self):
        cleaned = super().clean()
        representative = cleaned.get("representative")
        organisation = cleaned.get("organisation")
        members = CommitteeMember.objects.filter(committee=self.committee)
        if representative is None and organisation is None:
            self.add_error("representative", "Choisissez un représentant ou une organisation.")
        elif representative is not None:
            if members.filter(representative=representative).exists():
                self.add_error("representative", "Ce représentant est déjà membre du comité.")
            if organisation is not None and organisation != representative.organisation:
                self.add_error(
                    "organisation", "Ce représentant appartient à une autre organisation."
                )
        elif members.filter(
            representative__isnull=True,
            organisation=organisation,
            label=cleaned.get("label", ""),
        ).exists():
            self.add_error("organisation", "Cette organisation siège déjà au comité à ce titre.")
        return cleaned


class AttendanceForm(DsfrBaseForm):
    """The attendance sheet of a séance: every member, the guests already listed, one new guest."""

    STATUS_CHOICES = [("", "Non renseigné"), *Attendance.Status.choices]
    REPRESENTED_REQUIRED = "Indiquez qui représente ce membre."
    REPRESENTED_ONLY = "Laissez vide : seul un membre représenté a un remplaçant."

    new_guest_name = forms.CharField(label="Nom de l’invité", max_length=255, required=False)
    new_guest_status = forms.ChoiceField(
        label="Présence de l’invité",
        choices=Attendance.Status.choices,
        initial=Attendance.Status.PRESENT,
        required=False,
    )

    def __init__(self, *args, meeting: Meeting, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.members = list(members)
        attendances = list(meeting.attendances.all())
        by_member = {a.member_id: a for a in attendances if a.member_id}
        self.guests = [a for a in attendances if not a.member_id]
        self.lines = []
        for member in self.members:
            self._add_line(f"member_{member.pk}", str(member), by_member.get(member.pk), member)
        for guest in self.guests:
            self._add_line(f"guest_{guest.pk}", f"{guest.guest_name} (invité)", guest, guest)
        self.order_fields([name for line in self.lines for name in line[1:]])

    def _add_line(self, prefix, who, attendance, target):
        status, represented = f"{prefix}_status", f"{prefix}_represented_by"
        self.fields[status] = forms.ChoiceField(
            label=f"Présence de {who}", choices=self.STATUS_CHOICES, required=False
        )
        self.fields[represented] = forms.CharField(
            label=f"{who} représenté par", max_length=255, required=False
        )
        dsfr_input_class_attr(self[status])
        dsfr_input_class_attr(self[represented])
        if attendance is not None:
            self.initial[status] = attendance.status
            self.initial[represented] = attendance.represented_by
        self.lines.append((target, status, represented))

    def rows(self):
        for target, status, represented in self.lines:
            yield target, self[status], self[represented]

    def clean(self):
        cleaned = super().clean()
        for _target, status, represented in self.lines:
            self._check_represented(cleaned, status, represented)
        if cleaned.get("new_guest_name") and not cleaned.get("new_guest_status"):
            self.add_error("new_guest_status", "Indiquez la présence de l’invité.")
        return cleaned

    def _check_represented(self, cleaned, status, represented):
        by = cleaned.get(represented, "").strip()
        cleaned[represented] = by
        if cleaned.get(status) == Attendance.Status.REPRESENTE and not by:
            self.add_error(represented, self.REPRESENTED_REQUIRED)
        elif by and cleaned.get(status) != Attendance.Status.REPRESENTE:
            self.add_error(represented, self.REPRESENTED_ONLY)

    def presences(self):
        """The cleaned sheet as arguments of services.record_attendance."""
        data = self.cleaned_data
        members, guests = {}, {}
        for target, status, represented in self.lines:
            presence = Presence(status=data[status], represented_by=data[represented])
            (members if isinstance(target, CommitteeMember) else guests)[target] = presence
        new_guest = None
        if data.get("new_guest_name"):
            new_guest = (data["new_guest_name"], Presence(status=data["new_guest_status"]))
        return {"members": members, "guests": guests, "new_guest": new_guest}


class ActionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        code = f"{obj.code} – " if obj.code else ""
        return f"{code}{obj.title}"


class DecisionForm(forms.ModelForm, DsfrBaseForm):
    """A line of the relevé de décisions; actions and avenants come from the comité's
    conventions that the user may edit (a comité may follow several territories)."""

    actions = ActionChoiceField(
        label="Actions concernées",
        queryset=Action.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Decision
        fields = ["kind", "text", "actions", "amendment"]
        widgets = {"text": Textarea(attrs={"rows": 3})}

    def __init__(self, *args, committee: Committee, user, **kwargs):
        super().__init__(*args, **kwargs)
        conventions = Convention.objects.editable_by(user).filter(committees=committee)
        self.fields["actions"].queryset = Action.objects.filter(
            axis__convention__in=conventions
        ).select_related("axis")
        self.fields["amendment"].queryset = Amendment.objects.filter(
            convention__in=conventions
        ).select_related("convention")
        self.fields["amendment"].empty_label = "Aucun"

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind == Decision.Kind.VALIDATION_ACTION and not cleaned.get("actions"):
            self.add_error("actions", "Cochez au moins une action validée.")
        if kind == Decision.Kind.AVIS_AVENANT and not cleaned.get("amendment"):
            self.add_error("amendment", "Choisissez l’avenant sur lequel porte l’avis.")
        return cleaned

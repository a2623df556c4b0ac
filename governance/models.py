"""Comités that steer the conventions, their séances, attendance and decisions."""

import datetime

from django.db import models
from django.db.models import Count, F, Max, Min, Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from actions.models import Action
from conventions.models import Amendment, Convention
from directory.models import Organisation, Representative


class CommitteeQuerySet(models.QuerySet):
    def for_user(self, user):
        """Comités following at least one convention the user may read."""
        visible = Convention.objects.for_user(user)
        return self.filter(pk__in=self.model.objects.filter(conventions__in=visible).values("pk"))

    def editable_by(self, user):
        """Comités following at least one convention the user may edit (their chef de projet
        plans the séances and records the decisions)."""
        editable = Convention.objects.editable_by(user)
        return self.filter(pk__in=self.model.objects.filter(conventions__in=editable).values("pk"))

    def following(self, conventions):
        """Comités following the conventions, with their rhythm (with_rhythm) and, as their
        `conventions`, only those in scope: a comité may also follow another territory's."""
        followed = self.filter(conventions__in=conventions).values("pk")
        in_scope = Convention.objects.filter(pk__in=conventions.values("pk")).order_by("reference")
        return (
            self.filter(pk__in=followed)
            .with_rhythm()
            .prefetch_related(models.Prefetch("conventions", queryset=in_scope))
            .order_by("name")
        )

    def for_listing(self, user, now=None):
        """What a list of comités shows: rhythm, members with who they are, and the
        followed conventions the user may read (a comité may follow several territories)."""
        return (
            self.with_rhythm(now)
            .prefetch_related(
                models.Prefetch(
                    "members",
                    queryset=CommitteeMember.objects.in_office().select_related(
                        "representative__organisation", "organisation"
                    ),
                    to_attr="current_members",
                ),
                models.Prefetch(
                    "conventions", queryset=Convention.objects.for_user(user).order_by("title")
                ),
            )
            .order_by("name", "pk")
        )

    def behind_rhythm(self, now=None):
        """The comités that held fewer séances in 12 months than expected per year (as
        Committee.is_behind_rhythm says of one)."""
        return self.with_rhythm(now).filter(
            expected_meetings_per_year__isnull=False,
            meetings_last_12_months__lt=F("expected_meetings_per_year"),
        )

    def with_rhythm(self, now=None):
        """Annotate the last and next séance and the séances held in the last 12 months.

        A comité is behind its rhythm when it held fewer séances in the last 12 months
        than it is expected to hold in a year (Libercourt art. 7: the COPIL
        intercommunal meets at least 3 times a year; Lens-Liévin art. 5: the comité de
        suivi at least once).
        """
        now = now or timezone.now()
        year_ago = now - datetime.timedelta(days=365)
        return self.annotate(
            last_meeting_at=Max("meetings__starts_at", filter=Q(meetings__starts_at__lte=now)),
            next_meeting_at=Min("meetings__starts_at", filter=Q(meetings__starts_at__gt=now)),
            meetings_last_12_months=Count(
                "meetings",
                filter=Q(meetings__starts_at__gt=year_ago, meetings__starts_at__lte=now),
            ),
        )


class Committee(models.Model):
    class Kind(models.TextChoices):
        COMITE_PROJET = "comite_projet", "Comité de projet"
        COPIL_COMMUNAL = "copil_communal", "COPIL communal"
        COTECH_COMMUNAL = "cotech_communal", "COTECH communal"
        COPIL_INTERCOMMUNAL = "copil_intercommunal", "COPIL intercommunal"
        COTECH_INTERCOMMUNAL = "cotech_intercommunal", "COTECH intercommunal"
        COPIL_OPAH_RU = "copil_opah_ru", "COPIL OPAH-RU"
        COMITE_SUIVI_ORT = "comite_suivi_ort", "Comité de suivi de l’ORT"
        COMITE_REGIONAL_ENGAGEMENT = "comite_regional_engagement", "Comité régional d’engagement"

    kind = models.CharField("type", max_length=30, choices=Kind.choices)
    name = models.CharField("nom", max_length=300)
    conventions = models.ManyToManyField(
        Convention, verbose_name="conventions suivies", related_name="committees"
    )
    expected_meetings_per_year = models.PositiveSmallIntegerField(
        "séances attendues par an", null=True, blank=True
    )
    frequency_note = models.CharField("rythme tel qu’écrit", max_length=255, blank=True)
    description = models.TextField("rôle", blank=True)

    objects = CommitteeQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[conventions])

    class Meta:
        verbose_name = "comité"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("governance:committee_detail", args=[self.pk])

    @property
    def is_behind_rhythm(self):
        """Needs with_rhythm(): fewer séances in 12 months than expected per year."""
        expected = self.expected_meetings_per_year
        return expected is not None and self.meetings_last_12_months < expected


class CommitteeMemberQuerySet(models.QuerySet):
    def for_user(self, user):
        """Seats of the comités the user may see."""
        return self.filter(committee__in=Committee.objects.for_user(user))

    def editable_by(self, user):
        """Seats of the comités the user may edit."""
        return self.filter(committee__in=Committee.objects.editable_by(user))

    def in_office(self, on=None):
        """Seats held on the given day: organisation seats, and representatives whose mandate
        covers it (after the March 2026 elections, the former mayor's seat is a past one)."""
        return self.filter(
            Q(representative__isnull=True)
            | Q(representative__in=Representative.objects.current(on).values("pk"))
        )


class CommitteeMember(models.Model):
    class Role(models.TextChoices):
        PRESIDENT = "president", "Président"
        MEMBRE = "membre", "Membre"
        INVITE = "invite", "Invité"

    committee = models.ForeignKey(
        Committee, verbose_name="comité", on_delete=models.CASCADE, related_name="members"
    )
    representative = models.ForeignKey(
        Representative,
        verbose_name="représentant",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="committee_memberships",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name="organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="committee_memberships",
    )
    label = models.CharField(
        "qualité", max_length=300, blank=True, help_text="« Maire de Lens ou son représentant »…"
    )
    role = models.CharField("rôle", max_length=20, choices=Role.choices, default=Role.MEMBRE)

    objects = CommitteeMemberQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "membre de comité"
        verbose_name_plural = "membres de comité"
        ordering = ["committee", "role", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(representative__isnull=False) | Q(organisation__isnull=False),
                name="committee_member_is_someone",
                violation_error_message="Un membre est un représentant ou une organisation.",
            ),
            models.UniqueConstraint(
                fields=["committee", "representative"],
                condition=Q(representative__isnull=False),
                name="committee_member_unique_representative",
                violation_error_message="Ce représentant est déjà membre du comité.",
            ),
            models.UniqueConstraint(
                fields=["committee", "organisation", "label"],
                condition=Q(representative__isnull=True),
                name="committee_member_unique_organisation_label",
                violation_error_message="Cette organisation siège déjà au comité à ce titre.",
            ),
        ]

    def __str__(self):
        who = self.representative.full_name if self.representative else str(self.organisation)
        return f"{who} – {self.label}" if self.label else who


class MeetingQuerySet(models.QuerySet):
    def for_user(self, user):
        """Séances of the comités the user may see."""
        return self.filter(committee__in=Committee.objects.for_user(user))

    def editable_by(self, user):
        """Séances of the comités the user may edit."""
        return self.filter(committee__in=Committee.objects.editable_by(user))

    def with_record(self, user):
        """A séance with its comité, attendance and relevé de décisions, for its page and PDF;
        the actions a decision concerns are those the user may read (a comité may follow
        several territories)."""
        return self.select_related("committee").prefetch_related(
            models.Prefetch(
                "attendances",
                queryset=Attendance.objects.select_related(
                    "member__representative__organisation", "member__organisation"
                ),
            ),
            models.Prefetch(
                "decisions",
                queryset=Decision.objects.select_related("amendment__convention").prefetch_related(
                    models.Prefetch(
                        "actions", queryset=Action.objects.for_user(user).select_related("axis")
                    )
                ),
            ),
        )


class Meeting(models.Model):
    committee = models.ForeignKey(
        Committee, verbose_name="comité", on_delete=models.CASCADE, related_name="meetings"
    )
    starts_at = models.DateTimeField("date et heure")
    ends_at = models.DateTimeField("fin", null=True, blank=True)
    place = models.CharField("lieu", max_length=300, blank=True)
    agenda = models.TextField("ordre du jour", blank=True)

    objects = MeetingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "séance"
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gt=F("starts_at")),
                name="meeting_end_after_start",
                violation_error_message="La fin de la séance doit suivre son début.",
            ),
        ]

    def __str__(self):
        return f"{self.committee} du {timezone.localtime(self.starts_at):%d/%m/%Y}"

    def get_absolute_url(self):
        return reverse("governance:meeting_detail", args=[self.pk])

    @property
    def agenda_items(self):
        """The ordre du jour, one item a line."""
        return [line.strip(" -•\t") for line in self.agenda.splitlines() if line.strip(" -•\t")]


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", "Présent"
        EXCUSE = "excuse", "Excusé"
        REPRESENTE = "represente", "Représenté"

    meeting = models.ForeignKey(
        Meeting, verbose_name="séance", on_delete=models.CASCADE, related_name="attendances"
    )
    member = models.ForeignKey(
        CommitteeMember,
        verbose_name="membre",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attendances",
    )
    guest_name = models.CharField("invité", max_length=255, blank=True)
    status = models.CharField("présence", max_length=20, choices=Status.choices)
    represented_by = models.CharField("représenté par", max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "présence"
        ordering = ["meeting", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(member__isnull=False) | ~Q(guest_name=""),
                name="attendance_member_or_guest",
                violation_error_message="Indiquez un membre du comité ou le nom d’un invité.",
            ),
            models.UniqueConstraint(
                fields=["meeting", "member"],
                condition=Q(member__isnull=False),
                name="attendance_once_per_member",
                violation_error_message="La présence de ce membre est déjà enregistrée.",
            ),
        ]

    def __str__(self):
        return f"{self.member or self.guest_name} : {self.get_status_display()}"


class DecisionQuerySet(models.QuerySet):
    def for_user(self, user):
        """Decisions of the séances the user may see."""
        return self.filter(meeting__in=Meeting.objects.for_user(user))

    def for_action(self, action):
        """Decisions of séances about an action, newest first, with their comité."""
        return (
            self.filter(actions=action)
            .select_related("meeting__committee")
            .order_by("-meeting__starts_at")
        )


class Decision(models.Model):
    class Kind(models.TextChoices):
        VALIDATION_ACTION = "validation_action", "Validation d’action"
        AVIS_AVENANT = "avis_avenant", "Avis sur avenant"
        VALIDATION_MAQUETTE = "validation_maquette", "Validation de la maquette financière"
        BILAN_ANNUEL = "bilan_annuel", "Bilan annuel"
        AUTRE = "autre", "Autre"

    meeting = models.ForeignKey(
        Meeting, verbose_name="séance", on_delete=models.CASCADE, related_name="decisions"
    )
    kind = models.CharField("type", max_length=30, choices=Kind.choices)
    text = models.TextField("décision")
    actions = models.ManyToManyField(
        Action, verbose_name="actions concernées", related_name="decisions", blank=True
    )
    amendment = models.ForeignKey(
        Amendment,
        verbose_name="avenant concerné",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
    )

    objects = DecisionQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[actions])

    class Meta:
        verbose_name = "décision"
        ordering = ["meeting", "id"]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.meeting}"

    def concerns_other_territories(self, user) -> bool:
        """Whether an action or the avenant it concerns belongs to a convention the user
        may not edit (a comité may follow several territories)."""
        editable = Convention.objects.editable_by(user)
        if self.actions.exclude(axis__convention__in=editable).exists():
            return True
        return (
            self.amendment_id is not None
            and not editable.filter(pk=self.amendment.convention_id).exists()
        )

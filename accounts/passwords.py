"""Password change (signed-in users) and reset by e-mail (everyone with an address):
Django's own views, with DSFR forms and the portal's layout (templates/registration/)."""

from django.contrib.auth import forms as auth_forms
from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy
from dsfr.forms import DsfrBaseForm


class PasswordChangeForm(DsfrBaseForm, auth_forms.PasswordChangeForm):
    pass


class PasswordResetForm(DsfrBaseForm, auth_forms.PasswordResetForm):
    pass


class SetPasswordForm(DsfrBaseForm, auth_forms.SetPasswordForm):
    pass


urlpatterns = [
    path(
        "mot-de-passe/",
        auth_views.PasswordChangeView.as_view(
            form_class=PasswordChangeForm,
            success_url=reverse_lazy("accounts:password_change_done"),
            extra_context={"title": "Changer mon mot de passe"},
        ),
        name="password_change",
    ),
    path(
        "mot-de-passe/modifie/",
        auth_views.PasswordChangeDoneView.as_view(extra_context={"title": "Mot de passe changé"}),
        name="password_change_done",
    ),
    path(
        "mot-de-passe/oublie/",
        auth_views.PasswordResetView.as_view(
            form_class=PasswordResetForm,
            success_url=reverse_lazy("accounts:password_reset_done"),
            email_template_name="registration/password_reset_email.txt",
            subject_template_name="registration/password_reset_subject.txt",
            extra_context={"title": "Mot de passe oublié"},
        ),
        name="password_reset",
    ),
    path(
        "mot-de-passe/oublie/envoye/",
        auth_views.PasswordResetDoneView.as_view(extra_context={"title": "Courriel envoyé"}),
        name="password_reset_done",
    ),
    path(
        "mot-de-passe/nouveau/<uidb64>/cle/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            form_class=SetPasswordForm,
            success_url=reverse_lazy("accounts:password_reset_complete"),
            extra_context={"title": "Nouveau mot de passe"},
        ),
        name="password_reset_confirm",
    ),
    path(
        "mot-de-passe/nouveau/fait/",
        auth_views.PasswordResetCompleteView.as_view(
            extra_context={"title": "Mot de passe enregistré"}
        ),
        name="password_reset_complete",
    ),
]

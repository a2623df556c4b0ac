"""Static files in production: hashed names (cached for a year) and compressed copies,
served by WhiteNoise from the web process."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Leaves django-dsfr's files byte for byte as shipped: its pages check them with
    Subresource Integrity (DSFR_USE_INTEGRITY_CHECKSUMS), which a rewritten url() in the CSS
    would break. Their relative references reach the unhashed copies, kept beside them."""

    def url_converter(self, name, *args, **kwargs):
        if name.startswith("dsfr/"):
            return lambda match: match.group(0)
        return super().url_converter(name, *args, **kwargs)

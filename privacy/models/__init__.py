# One module per feature; import every model here so Django finds it.
from privacy.models.breaches import Breach
from privacy.models.notice import PrivacyNotice
from privacy.models.requests import DataRequest, PublicHoliday

__all__ = ["Breach", "DataRequest", "PrivacyNotice", "PublicHoliday"]

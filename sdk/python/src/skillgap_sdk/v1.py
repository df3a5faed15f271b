"""SkillGap API v1: every message, enum and client stub (``InterviewServiceStub``, ``JobServiceStub``,
``ResumeServiceStub``, ``ScrapeServiceStub``, ``SavedSearchServiceStub``, ``SourceDiscoveryServiceStub``,
``AlertServiceStub``), generated into ``skillgap_sdk.generated.skillgap.v1``."""

from skillgap_sdk.generated.skillgap.v1 import *  # noqa: F403
from skillgap_sdk.generated.skillgap.v1 import __all__ as __all__

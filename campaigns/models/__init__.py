from campaigns.models.campaigns import Campaign, CampaignDocument, CampaignTask, Material
from campaigns.models.tracking import Recipient, TaskReport

__all__ = ["Campaign", "CampaignDocument", "CampaignTask", "Material", "Recipient", "TaskReport"]

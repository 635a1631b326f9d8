"""Campaign planning: from research to a brief, a budget split and a calendar."""

from agency.strategy.planning.request import CampaignRequest
from agency.strategy.planning.service import CampaignPlan, plan_campaign, proof_queries

__all__ = ["CampaignPlan", "CampaignRequest", "plan_campaign", "proof_queries"]

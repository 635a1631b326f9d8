"""The product's job kinds: each module declares one durable workflow over domain services.

Listed in :data:`FLOW_MODULES` so every worker and API process registers them before
DBOS launches.
"""

FLOW_MODULES: tuple[str, ...] = (
    "agency.orchestrator.flows.brand_onboarding",
    "agency.orchestrator.flows.campaign",
    "agency.orchestrator.flows.kata",
    "agency.orchestrator.flows.publishing",
)

__all__ = ["FLOW_MODULES"]

"""Survey templates: YAML files in `bot/content/surveys/`, checked as an uploaded questionnaire is;
a campaign keeps its template as it was at launch."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from bot.domain.surveys import Schedule, SurveyTemplate
from bot.services.content import CONTENT_DIR
from bot.services.content_check import MAX_UPLOAD_BYTES, safe_yaml, validate
from storage.models import SurveyCampaign

log = logging.getLogger(__name__)

SURVEYS_DIR = CONTENT_DIR / "surveys"


@dataclass
class Templates:
    found: dict[str, SurveyTemplate] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def parse_template(text: str, source: str) -> tuple[SurveyTemplate | None, list[str]]:
    """A template checked as an uploaded questionnaire is: no aliases, lists capped."""
    if len(text) > MAX_UPLOAD_BYTES:
        return None, [f"{source}: over {MAX_UPLOAD_BYTES // 1024} KB — too big for a template"]
    raw, errors, refusal = safe_yaml(text, source)
    if refusal is None and not errors and not isinstance(raw, dict):
        errors = [f"{source}: expected a mapping (id, version, questions…) at the top"]
    if refusal is None and not errors:
        template, errors, refusal = validate(SurveyTemplate, raw, source)
        if template is not None:
            return template, []
    return None, [refusal.describe(source)] if refusal is not None else errors


def load_templates(directory: Path = SURVEYS_DIR) -> Templates:
    """Every template file; a broken one is reported (and logged) and the others still work."""
    result = Templates()
    for path in sorted(directory.glob("*.yaml")):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            result.errors.append(f"{path.name}: cannot be read ({exc})")
            continue
        template, errors = parse_template(text, path.name)
        if template is None:
            result.errors.extend(errors)
        elif template.id in result.found:
            result.errors.append(f"{path.name}: the id «{template.id}» is used by another file")
        else:
            result.found[template.id] = template
    for error in result.errors:
        log.error("survey template refused: %s", error)
    return result


def template_of(campaign: SurveyCampaign) -> SurveyTemplate:
    return SurveyTemplate.model_validate(campaign.template)


def schedule_of(campaign: SurveyCampaign) -> Schedule:
    return Schedule(
        recurrence=campaign.recurrence,
        starts_at=campaign.starts_at,
        day=campaign.day,
        hour=campaign.hour,
        minute=campaign.minute,
        open_days=campaign.open_days,
        closes_at=campaign.closes_at,
    )

"""Articles, axes with their objectives, and the plan d'action's actions per maturity."""

import re

from .draft import (
    ARTICLE_RE,
    AXIS_RE,
    BARE_AXIS_RE,
    BULLET_RE,
    MATURITY_HEADINGS,
    NOISE_LINES,
    SUB_ARTICLE_RE,
    DraftAction,
    DraftArticle,
    DraftAxis,
    heading_index,
    joined,
)


def parse_articles(lines) -> list[DraftArticle]:
    """Articles "Article N – Titre" and their sub-articles "N.M Titre" within article N."""
    articles: list[DraftArticle] = []
    seen = set()
    for line in lines:
        match = ARTICLE_RE.match(line)
        if match and match.group("number") not in seen:
            number = match.group("number")
            title = joined(match.group("title") or "")
            article = DraftArticle(number=number, title=title[:255])
            if not title:
                article.unsure.append("titre absent")
            if articles and _number_key(number) <= _number_key(articles[-1].number):
                article.unsure.append("numérotation hors séquence")
            articles.append(article)
            seen.add(number)
            continue
        sub = SUB_ARTICLE_RE.match(line)
        if (
            sub
            and articles
            and sub.group("number").split(".")[0] == articles[-1].number.split(".")[0]
        ):
            number = sub.group("number")
            if number in seen:
                continue
            articles.append(
                DraftArticle(
                    number=number,
                    title=joined(sub.group("title"))[:255],
                    unsure=["sous-article repéré par sa numérotation"],
                )
            )
            seen.add(number)
            continue
        if articles and line:
            articles[-1].body += line + "\n"
    for article in articles:
        article.body = article.body.strip()
    return articles


def _number_key(number: str):
    return tuple(int(part) for part in number.split(".") if part.isdigit())


def _axis_titles(lines):
    """Axis number → the longest title found ("Axe 1 : …", continued on the next line)."""
    titles: dict[int, str] = {}
    for index, line in enumerate(lines):
        match = AXIS_RE.match(line)
        if not match:
            continue
        title = match.group("title")
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if following and following[0].islower() and not re.search(r"[.;:]$", title):
            title = f"{title} {following}"
        title = joined(title).replace("centre- ville", "centre-ville")
        number = int(match.group("number"))
        if len(title) > len(titles.get(number, "")) and len(title) < 300:
            titles[number] = title
    return titles


def parse_axes(lines) -> list[DraftAxis]:
    agreed = heading_index(lines, 0, lambda line: "IL EST CONVENU" in line.upper())
    lines = lines[agreed or 0 :]  # text before the parties (a délibération) is not the convention
    titles = _axis_titles(lines)
    axes = {number: DraftAxis(number=number, title=title) for number, title in titles.items()}
    _parse_objectives(lines, axes)
    _parse_actions(lines, axes)
    for axis in axes.values():
        if not axis.objectives:
            axis.unsure.append("aucun objectif trouvé")
    return [axes[number] for number in sorted(axes)]


def _parse_objectives(lines, axes):
    """Bullet items after "Objectifs :" belong to the axe named just before."""
    current, in_objectives = None, False
    for line in lines:
        match = AXIS_RE.match(line)
        if match:
            current, in_objectives = axes.get(int(match.group("number"))), False
            continue
        if ARTICLE_RE.match(line):
            current, in_objectives = None, False
            continue
        if current is None:
            continue
        if re.match(r"^objectifs?\s*:?$", line, re.I):
            in_objectives = True
            continue
        if not in_objectives or not line:
            continue
        if BULLET_RE.match(line):
            current.objectives.append(BULLET_RE.sub("", line))
        elif current.objectives and (line[0].islower() or line[0] in "(…"):
            current.objectives[-1] += " " + line  # an objective wrapped over two lines
        else:
            in_objectives = False
    for axis in axes.values():
        axis.objectives = [joined(objective) for objective in axis.objectives][:50]


def _plan_lines(lines):
    """The lines of the plan d'action article (the one whose title names the plan)."""
    start = heading_index(
        lines,
        0,
        lambda line: bool(ARTICLE_RE.match(line)) and "plan d" in line.lower(),
    )
    if start is None:
        return []
    end = heading_index(lines, start + 1, lambda line: bool(ARTICLE_RE.match(line)))
    sub = heading_index(lines, start + 1, lambda line: bool(SUB_ARTICLE_RE.match(line)))
    return lines[start + 1 : min(x for x in (end, sub, len(lines)) if x is not None)]


def _maturity_of(line):
    """(maturity, rest of the line) when a maturity group starts on this line."""
    for pattern, maturity in MATURITY_HEADINGS:
        match = pattern.match(line)
        if match:
            return maturity, line[match.end() :].strip()
    return None, line


def _parse_actions(lines, axes):
    current, maturity = None, None
    pending_heading = ""
    for line in _plan_lines(lines):
        match = AXIS_RE.match(line)
        if match:
            current, maturity = axes.get(int(match.group("number"))), None
            continue
        if not line or BARE_AXIS_RE.match(line) or NOISE_LINES.match(line) or current is None:
            continue
        if re.fullmatch(r"à poursuivre", line, re.IGNORECASE):
            continue  # the end of "Actions en cours et / à poursuivre"
        candidate = f"{pending_heading} {line}".strip() if pending_heading else line
        found, rest = _maturity_of(candidate)
        if found:
            maturity, pending_heading = found, ""
            if rest and not re.match(r"^(et|à poursuivre)\b", rest, re.I):
                _add_action(current, maturity, rest)
            continue
        if re.match(r"^actions?\b", line, re.I) and len(line) < 30:
            pending_heading = line  # a group heading broken over two lines
            continue
        pending_heading = ""
        if maturity is None:
            continue
        if line[0].islower() and current.actions:
            previous = current.actions[-1]
            previous.title, previous.has_fiche = _title_and_fiche(f"{previous.title} {line}")
            continue
        _add_action(current, maturity, line)


def _title_and_fiche(text):
    text = joined(text)
    has_fiche = text.endswith("*")
    return text.rstrip("* ").strip(), has_fiche


def _add_action(axis, maturity, text):
    title, has_fiche = _title_and_fiche(text)
    if len(title) < 4:
        return
    action = DraftAction(title=title[:255], maturity=maturity, has_fiche=has_fiche)
    if len(title) > 150:
        action.unsure.append("intitulé long : plusieurs actions fusionnées ?")
    axis.actions.append(action)

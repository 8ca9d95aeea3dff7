#!/usr/bin/env python3
"""Renders KickoffPayloadTest's snapshot (the exact Create Message body sitrep sends to Discord) as a
local HTML page in Discord's dark style, for the README picture:
    python3 docs/render-discord-message.py integrations/discord/src/test/resources/KickoffPayloadTest/kickoff.json > /tmp/d.html
    chromium --headless --no-sandbox --disable-gpu --screenshot=docs/images/discord-kickoff.png --window-size=760,460 /tmp/d.html
Only what sitrep's messages use is drawn: content, embeds (colour bar, title, description, and fields,
footer and timestamp should they appear), action rows of buttons in Discord's styles, markdown
**bold**, `code`, backslash escapes, <@…> mentions, <#…> channels and <t:…> times (shown in UTC,
relative ones against the message's own time; Discord shows each reader's local time)."""
import datetime, html, json, re, sys

USERS = {"500000000000000001": "alice", "500000000000000002": "bob"}
POSTED = datetime.datetime(2026, 11, 23, 10, 0, tzinfo=datetime.timezone.utc)  # the test's T0: when the kick-off is sent
STYLES = {1: "primary", 2: "secondary", 3: "success", 4: "danger", 5: "link"}

def when(seconds, style):
    t = datetime.datetime.fromtimestamp(int(seconds), datetime.timezone.utc)
    if style == "R":
        minutes = round((t - POSTED).total_seconds() / 60)
        return "in %d minutes" % minutes if minutes >= 0 else "%d minutes ago" % -minutes
    clock = t.strftime("%I:%M %p").lstrip("0")
    return {"t": clock, "d": t.strftime("%m/%d/%Y")}.get(style, t.strftime("%B %d, %Y ").replace(" 0", " ") + clock)

def markdown(text):
    out = []
    for part in re.split(r"(<[@#]!?&?\d+>|<t:\d+(?::[tTdDfFR])?>)", text):
        if part.startswith("<@"):
            out.append('<span class="mention">@%s</span>' % USERS.get(part.strip("<@!>"), "user"))
        elif part.startswith("<#"):
            out.append('<span class="mention">#inc-1-checkout-errors</span>')
        elif part.startswith("<t:"):
            seconds, _, style = part[3:-1].partition(":")
            out.append('<span class="time">%s</span>' % when(seconds, style or "f"))
        else:
            t = html.escape(part, quote=False)
            t = re.sub(r"(?<!\\)\*\*(.+?)(?<!\\)\*\*", r"<b>\1</b>", t)
            t = re.sub(r"(?<!\\)`([^`\n]+)`", r"<code>\1</code>", t)
            t = re.sub(r"\\([^\w\s])", r"\1", t)
            out.append(t.replace("\n", "<br>"))
    return "".join(out)

def embed(e):
    s = '<div class="embed" style="border-left-color:#%06x">' % e.get("color", 0x1e1f22)
    if "title" in e:
        s += '<div class="title">%s</div>' % markdown(e["title"])
    if "description" in e:
        s += '<div class="desc">%s</div>' % markdown(e["description"])
    if e.get("fields"):
        s += '<div class="fields">%s</div>' % "".join(
            '<div class="%s"><div class="fname">%s</div><div>%s</div></div>'
            % ("inline" if f.get("inline") else "wide", markdown(f["name"]), markdown(f["value"])) for f in e["fields"])
    footer = [markdown(e["footer"]["text"])] if "footer" in e else []
    if "timestamp" in e:
        footer.append(datetime.datetime.fromisoformat(e["timestamp"]).strftime("%m/%d/%Y %I:%M %p"))
    if footer:
        s += '<div class="footer">%s</div>' % " • ".join(footer)
    return s + "</div>"

def row(r):
    return '<div class="row">%s</div>' % "".join('<span class="button %s%s">%s</span>' % (
        STYLES.get(b["style"], "secondary"), " disabled" if b.get("disabled") else "", html.escape(b["label"]))
        for b in r["components"] if b["type"] == 2)

body = json.load(open(sys.argv[1]))
print("""<!doctype html><meta charset="utf-8"><style>
body{font:16px/1.375 'gg sans','Noto Sans','Helvetica Neue',Helvetica,Arial,sans-serif;color:#dbdee1;margin:0;padding:16px 16px;background:#313338}
.msg{display:flex;gap:16px}.avatar{flex:none;width:40px;height:40px;border-radius:50%;background:#5865f2;color:#fff;font-weight:700;display:flex;align-items:center;justify-content:center}
.name{font-weight:500;color:#f2f3f5}.bot{font-size:10px;font-weight:600;background:#5865f2;color:#fff;border-radius:3px;padding:1px 4px;margin:0 4px;vertical-align:2px}.stamp{color:#949ba4;font-size:12px}
.embed{max-width:520px;background:#2b2d31;border-left:4px solid;border-radius:4px;padding:8px 16px 16px 12px;margin-top:4px;font-size:14px}
.title{font-weight:600;color:#f2f3f5;font-size:16px;margin-top:8px}.desc{margin-top:8px}.fields{display:flex;flex-wrap:wrap;gap:8px 0;margin-top:8px}
.fields .inline{flex:0 0 33%}.fields .wide{flex:0 0 100%}.fname{font-weight:600;color:#f2f3f5}.footer{font-size:12px;color:#dbdee1;margin-top:8px}
.row{display:flex;gap:8px;margin-top:8px}.button{display:inline-flex;align-items:center;height:32px;padding:0 16px;border-radius:3px;font-size:14px;font-weight:500;color:#fff}
.primary{background:#5865f2}.secondary{background:#4e5058}.success{background:#248046}.danger{background:#da373c}.link{background:#4e5058}.disabled{opacity:.5}
.mention{background:rgba(88,101,242,.3);color:#c9cdfb;border-radius:3px;padding:0 2px;font-weight:500}.time{background:rgba(255,255,255,.06);border-radius:3px;padding:0 2px}
code{font:13px Consolas,'Andale Mono',monospace;background:#1e1f22;border-radius:3px;padding:0 2px}
</style><div class="msg"><div class="avatar">S</div><div><div><span class="name">sitrep</span><span class="bot">✓ APP</span><span class="stamp">Today at 10:00 AM</span></div>""")
if body.get("content"):
    print('<div>%s</div>' % markdown(body["content"]))
print("".join(embed(e) for e in body.get("embeds", [])))
print("".join(row(r) for r in body.get("components", []) if r["type"] == 1))
print("</div></div>")

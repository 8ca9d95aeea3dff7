#!/usr/bin/env python3
"""Renders one of BlockKitTest's snapshots (the exact blocks sitrep posts) as a local HTML page in
Slack's message style, for the README picture:
    python3 docs/render-slack-blocks.py integrations/slack/src/test/resources/BlockKitTest/00-kickoff.json > /tmp/m.html
    chromium --headless --screenshot=docs/images/slack-kickoff.png --window-size=760,420 /tmp/m.html
Only what sitrep's blocks use is drawn: header, section (text, fields), context, actions (buttons),
mrkdwn *bold*, `code`, <@U…> mentions, <#C…> channels and <!date^…|fallback> times."""
import html, json, re, sys

USERS = {"U0SAMPLE1": "alice", "U0SAMPLE2": "bob"}
EMOJI = {":lock:": "🔒", ":alarm_clock:": "⏰", ":rotating_light:": "🚨", ":memo:": "📝",
         ":white_check_mark:": "✅", ":ballot_box_with_check:": "☑️"}

def mrkdwn(text):
    out = []
    for part in re.split(r"(<[^>]+>)", text):
        if part.startswith("<@"):
            out.append('<span class="mention">@%s</span>' % USERS.get(part[2:-1], part[2:-1]))
        elif part.startswith("<#"):
            out.append('<span class="mention">#inc-1-checkout-errors</span>')
        elif part.startswith("<!date^"):
            out.append(html.escape(part.split("|", 1)[1][:-1]))
        else:
            t = html.escape(part, quote=False)
            t = re.sub(r"\*([^*\n]+)\*", r"<b>\1</b>", t)
            t = re.sub(r"`([^`\n]+)`", r"<code>\1</code>", t)
            for k, v in EMOJI.items():
                t = t.replace(k, v)
            out.append(t.replace("\n", "<br>"))
    return "".join(out)

def text(obj):
    return mrkdwn(obj["text"]) if obj["type"] == "mrkdwn" else html.escape(obj["text"])

def block(b):
    t = b["type"]
    if t == "header":
        return '<div class="header">%s</div>' % text(b["text"])
    if t == "section":
        s = '<div class="section">%s</div>' % text(b["text"]) if "text" in b else ""
        if "fields" in b:
            s += '<div class="fields">%s</div>' % "".join('<div>%s</div>' % text(f) for f in b["fields"])
        return s
    if t == "context":
        return '<div class="context">%s</div>' % " ".join(text(e) for e in b["elements"])
    if t == "actions":
        return '<div class="actions">%s</div>' % "".join(
            '<span class="button %s">%s</span>' % (e.get("style", ""), html.escape(e["text"]["text"])) for e in b["elements"])
    return ""

blocks = json.loads(open(sys.argv[1]).read().split("\n--- text ---\n")[0])
print("""<!doctype html><meta charset="utf-8"><style>
body{font:15px/1.46668 -apple-system,Lato,'Segoe UI',Helvetica,Arial,sans-serif;color:#1d1c1d;margin:0;padding:16px 20px;background:#fff}
.msg{display:flex;gap:8px}.avatar{width:36px;height:36px;border-radius:6px;background:#e01e5a;color:#fff;font-weight:700;display:flex;align-items:center;justify-content:center}
.name{font-weight:900}.app{font-size:10px;background:#ddd;border-radius:2px;padding:1px 3px;margin:0 4px;color:#616061}.time{color:#616061;font-size:12px}
.header{font-size:18px;font-weight:900;margin:6px 0}.section{margin:6px 0}.fields{display:grid;grid-template-columns:1fr 1fr;gap:8px 16px;margin:6px 0}
.context{font-size:12px;color:#616061;margin:6px 0}.actions{margin:10px 0}.button{display:inline-block;border:1px solid #bbb;border-radius:4px;padding:3px 12px;margin-right:8px;font-weight:700;font-size:13px}
.button.primary{background:#007a5a;color:#fff;border-color:#007a5a}.button.danger{background:#e01e5a;color:#fff;border-color:#e01e5a}
.mention{background:#e8f5fa;color:#1264a3;border-radius:3px;padding:0 2px}code{font:12px Monaco,Menlo,Consolas,monospace;color:#e01e5a;background:#f8f8f8;border:1px solid #ddd;border-radius:3px;padding:1px 3px}
</style><div class="msg"><div class="avatar">S</div><div><div><span class="name">sitrep</span><span class="app">APP</span><span class="time">10:00 AM</span></div>""")
print("".join(block(b) for b in blocks))
print("</div></div>")

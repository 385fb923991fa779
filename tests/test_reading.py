"""The reading layer reads like a coach: each sentence's act, agent, request shape and concepts, and each
message's relationship, kind and reader details, on wording written here in several voices (a recruiter,
a job seeker, a PR pitch, a founder, a salesperson, a former colleague), never copied from corpus/."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from outreach_lint import cli
from outreach_lint.analysis import Analysis, analyse
from outreach_lint.cache import ENV_VAR, ResultCache
from outreach_lint.config import Config
from outreach_lint.message import build_message
from outreach_lint.reader import parse_source
from outreach_lint.reading import ACTS, SHAPES, ReadingSummary, read
from outreach_lint.reading.concepts import ConceptError, builtin_concepts, concepts_for, parse_concepts
from outreach_lint.report import FileReport


def analysed(text: str, nlp: Any, stage: str | None = None) -> Analysis:
    source = parse_source(text if text.endswith("\n") else text + "\n", "draft.md")
    return analyse([build_message(source, None, stage, Config().for_file(None))], nlp)[0]


# sentence -> "act agent [shape]", its concept classes (top-level; "reader-detail" is left to the details)
SENTENCES = [
    # A named contact who sent the sender: theirs, not the sender describing themselves.
    ('Tomas Berg from Nordwind Partners gave me your name.', 'statement third-party', ''),
    ('Could we grab twenty minutes on Wednesday to walk through your hiring plan?', 'request both modal-question',
     'job meeting'),
    ('Are you available for a short phone screen tomorrow afternoon?', 'request reader open-to', 'meeting'),
    ('Please send me your updated resume by Friday.', 'request reader please', 'job'),
    ('I have a senior backend role that matches your Kafka work.', 'self-description sender', 'job'),
    # A platform engineer is a role, not a product.
    ("We're hiring three platform engineers in Lisbon.", 'self-description sender', 'job'),
    ("I'm a final-year nursing student looking for a summer placement.", 'self-description sender', 'job'),
    ('Would you be willing to refer me for the analyst opening on your team?', 'request reader open-to', 'favour job'),
    ('Could you pass my portfolio along to your design lead?', 'request reader modal-question', 'favour'),
    ("I'd be grateful if you could introduce me to Priya on the growth team.", 'request reader modal-question',
     'favour'),
    ('Let me know what time suits you for a quick call.', 'request reader let-me-know', 'meeting'),
    ('Would a short video call on Monday be worth it?', 'request reader modal-question', 'meeting'),
    ("I'm in Bristol next week and would love to stop by for a coffee.", 'request sender desire', 'meeting'),
    ('We would be delighted if your agency could buy a stall at the fair.', 'request sender desire',
     'purchase sender-offering'),
    ('I represent a chef who has cooked for three heads of state.', 'self-description sender', 'sender-offering'),
    ('Would you consider running a guest post from our founder?', 'request reader modal-question', 'press'),
    ('Happy to send a press kit with photos and figures.', 'offer sender named', 'press'),
    ('Our software cuts invoice processing time in half.', 'self-description sender', 'sender-offering'),
    ('We built the first payroll tool for seasonal farms.', 'self-description sender', 'sender-offering'),
    ('Our clients include two of the largest grocery chains in Ohio.', 'self-description sender', 'sender-offering'),
    ('Grab your seat before registration closes on Monday.', 'request reader imperative', 'purchase'),
    ('Only four spots remain at the early-bird price.', 'statement third-party', 'time-pressure'),
    ('Sign up today and get the first month free.', 'request reader imperative', 'purchase'),
    ('Would you link to our guide from your resources page?', 'request reader modal-question', 'favour'),
    ("How about a coffee next time you're in Denver?", 'proposal both', 'meeting'),
    ('We could compare notes on onboarding sometime.', 'proposal both', ''),
    ('Following our chat last Thursday, here are the numbers you asked for.', 'statement third-party', 'meeting'),
    ('Loved your thread on pricing experiments for marketplaces.', 'notice sender', ''),
    ('I listened to your episode with Dana Ruiz about churn.', 'notice sender', 'press'),
    ('Your keynote at FinOps Summit changed how I think about budgets.', 'notice reader', ''),
    ('Thank you so much for the referral to Marco.', 'thanks sender', 'favour'),
    ('Good morning Alex!', 'greeting none', ''),
    ('Have a lovely weekend.', 'greeting reader', ''),
    ('Shall I put together a one-page summary for your board?', 'offer sender named', ''),
    ("Let me know if there's anything else I can do.", 'offer sender open', ''),
    ('If that sounds useful, book a slot on my calendar.', 'request reader conditional', 'meeting'),
    ("I'm reaching out because we help logistics firms cut empty miles.", 'self-description sender', 'sender-offering'),
    ("Jordan Lee mentioned you're rebuilding the data team.", 'statement third-party', ''),
    ('Quick favour: could you endorse me for project management?', 'request reader modal-question', 'favour'),
    ('Please retweet the launch post if you liked it.', 'request reader please', 'favour'),
    ('The deadline for early applications is this Friday.', 'statement third-party', 'job time-pressure'),
    ('Kindly fill in the attached form before our kickoff.', 'request reader please', ''),
    ('Do you have a spare half hour later this month?', 'request reader availability', 'meeting'),
    ("I'd love to get your take on our onboarding flow.", 'request sender desire', 'free-expertise'),
    ("Hop on a call with me this week and I'll show you the numbers.", 'request reader imperative', 'meeting'),
    ('Is there a good time next week to connect?', 'request reader availability', 'meeting'),
    ('Send me a few dates that work for you.', 'request reader imperative', 'meeting'),
    ("I wanted to ask if you'd be open to a short video call.", 'request reader open-to', 'meeting'),
    ("We'd like to invite you to speak on our spring panel.", 'request sender desire', 'meeting'),
    ('I can walk you through the pilot results in ten minutes.', 'offer sender named', 'meeting'),
    ('Thanks again for the warm welcome last week.', 'thanks sender', ''),
    ('Our agency has placed stories in Wired and The Atlantic.', 'self-description sender', 'press sender-offering'),
    ('I used to run support at a small logistics company.', 'self-description sender', ''),
    ('My background is in clinical research.', 'self-description sender', ''),
    ('Congratulations on being named head of design!', 'notice sender', ''),
    ('Looking forward to hearing from you.', 'greeting none', ''),
    ('Hi there!', 'greeting sender', ''),
    ("We should grab lunch when you're back in Boston.", 'proposal both', 'meeting'),
    ("I'd really appreciate a retweet of our announcement.", 'request sender desire', 'favour'),
    ("Drop me your WhatsApp number and I'll send details.", 'request reader imperative', 'personal-data'),
    # offers: open (the reader must work out what), named, or a stock closer; sender statements that only
    # address the reader are not self-descriptions
    ("If anything comes up on the vendor side, just give me a shout.", 'offer sender open', ''),
    ('Should your team ever need an extra pair of hands, I am around.', 'offer sender open', ''),
    ('How can we support your hiring push this spring?', 'offer sender open', 'job'),
    ("I'd be glad to help however it's useful.", 'offer sender open', ''),
    ('Glad to take any questions on the pricing sheet.', 'offer sender closer', ''),
    ('I could send the two supplier quotes we got for the Leeds site.', 'offer sender named', 'purchase'),
    ("I'm reaching out because your clinic just opened a second site.", 'statement sender', ''),
    ("I'm a longtime listener of your show.", 'statement sender', 'press'),
    ("I'd like to connect with fellow growers in Kent.", 'proposal both', ''),
    ('Fernhill is a bookkeeping practice for breweries.', 'self-description sender', 'sender-offering'),
    ('I coach first-time managers through their first year.', 'self-description sender', 'sender-offering'),
    # near misses and other voices
    ('Is this on your list for the third quarter?', 'question third-party', ''),
    ('Would you be up for trading notes sometime?', 'request reader open-to', ''),
    ("I'm a recruiter at Fathom Health.", 'self-description sender', 'job'),
    ('My team and I are building a scheduling tool for clinics.', 'self-description sender', 'sender-offering'),
    ('Let us know which of these slots suits you.', 'request reader let-me-know', 'meeting'),
    ('Could you forward this to whoever runs procurement?', 'request reader modal-question', 'favour'),
    ("Let me know if you'd like a copy of the report.", 'offer sender named', ''),
    ('Want me to send over the checklist we use?', 'offer sender named', ''),
    ('Feel free to ping me if anything comes up.', 'offer sender open', ''),
    ("If you're keen, we can set up a call next Tuesday.", 'request both conditional', 'meeting'),
    ('I was hoping you might have time to chat over the next few days.', 'request reader modal-question', 'meeting'),
    ("I'm writing to ask you for a short testimonial.", 'request sender ask', 'favour'),
    # asks the parse hides: commands read as nouns, split questions, whose thing an ask is about
    ('Book a slot on my calendar that suits you.', 'request reader imperative', 'meeting'),
    ('When would be a good time for a short call?', 'request reader availability', 'meeting'),
    ('Would you mind forwarding this to your team?', 'request reader modal-question', 'favour'),
    ("I'd love to set up a call between you and Dana.", 'offer sender named', 'meeting'),
    ("I'll circle back after the board meeting.", 'statement sender', 'meeting'),
    ('Could you share your experience of moving into sales?', 'request reader modal-question', 'free-expertise'),
    ('Do you have twenty minutes for an intro call?', 'request reader availability', 'meeting'),
    ('Could you confirm your office address for the courier?', 'request reader modal-question', ''),
    ("I'd love your advice on pricing.", 'request sender desire', 'free-expertise'),
    ('I would ask for your endorsement on three skills.', 'request sender ask', 'favour'),
    ('I reviewed your deck and would like to talk about the pricing slide.', 'request sender desire', 'meeting'),
    ('Let me know if we can hop on a call on Thursday.', 'request reader let-me-know', 'meeting'),
    # a claim that both sides gain, read from the parse; reciprocal help is a proposal, not the sender's offer
    ('Teaming up on the spring fair would be worthwhile for both our shops.', 'statement third-party',
     'shared-benefit'),
    ("I'm sure our two firms could help one another.", 'proposal both', 'sender-offering shared-benefit'),
    ('Our clinics could both thrive if we shared a booking desk.', 'proposal both', 'shared-benefit'),
    ('Those delivery windows are mutually exclusive.', 'statement third-party', ''),
    ('Any slot on Thursday afternoon is fine for both of us.', 'statement third-party', 'meeting'),
    # both sides gaining from the tie itself, more visitors to both, help for both: claims; two kinds of client
    # or a tie with a third party are not
    ('I think our two studios might benefit from being connected.', 'statement sender',
     'sender-offering shared-benefit'),
    ('A shared stand at the fair would help both you and me meet more buyers.', 'statement third-party',
     'meeting shared-benefit'),
    ('We might gain a lot from a partnership with a freight broker.', 'proposal both', ''),
    ('We have helped both landlords and tenants settle deposit disputes.', 'statement both', 'sender-offering'),
    # the reader's phone or a way to reach them, handed over; asking whether email is the way, or a call, is not
    ('Kindly reply with two free mornings and a way to reach you by phone.', 'request reader please',
     'personal-data'),
    ('Be sure to include how our crew can contact you.', 'request reader imperative', 'personal-data'),
    ('Is email the best way to reach you?', 'question third-party', ''),
    ('Could we talk by phone on Friday?', 'request both modal-question', ''),
    # the reader's will asked for a session ("how would you feel about a call?") is an ask; about a topic, a question;
    # the reader teaching the sender is their views; the sender's own experience is nobody's expertise asked
    ('How would you feel about twenty minutes on Zoom next week?', 'request reader open-to', 'meeting'),
    ('How do you feel about the new rules for street vendors?', 'question reader', ''),
    ('Could we meet so you can show me how you priced your first contracts?', 'request both modal-question',
     'free-expertise meeting'),
    ('Could we meet to discuss roles that match my skills/experience/training?', 'request both modal-question',
     'job meeting'),
    # a command after a clause closed by a comma or semicolon; a shared subject after "then" is no command
    ('Tickets are nearly gone, so grab yours before Friday.', 'request reader imperative', 'purchase'),
    ('The pilot wraps up in May; then send me your feedback.', 'request reader imperative', ''),
    ("I'll send the deck tonight, then walk you through it on Monday.", 'offer sender named', ''),
    # an offered meeting keeps its class; an offer to send a thing about one (a recording of a demo) does not
    ('Happy to hop on a video call and show you the rota.', 'offer sender named', 'meeting'),
    ('Happy to send over a short recording of the demo.', 'offer sender named', ''),
    # help or a way in left open for the reader to shape; a parse without "be" ("my door's always open")
    ("If you ever need anything, my door's always open.", 'offer sender open', 'self-introduction'),
    ('I would like to help your team however is most helpful.', 'offer sender open', ''),
    ('We ran the numbers, so we know it works.', 'statement sender', ''),
    # a customer list describes the sender's business; the reader's side or someone else's tool does not
    ('Clinics such as Harbor Dental and BrightSmile manage their recalls through Chairly.', 'self-description sender',
     'sender-offering'),
    ('People like you often use Notion for this.', 'statement third-party', ''),
    # asks the old token patterns caught: gratitude in advance, a hope, a need, "have a look", a noun "follow"
    ('We would be thankful for any tips on your sign-up flow.', 'request sender desire', 'free-expertise'),
    ('I would be thankful if you could plug our fundraiser to your readers.', 'request reader modal-question',
     'favour press'),
    ('We were hoping to draw on your knowledge of school catering.', 'request sender desire', 'free-expertise'),
    ('Would love to borrow your expertise on a warehouse move.', 'request sender desire', 'free-expertise'),
    ('We will need your home address to post the samples.', 'request sender desire', 'personal-data'),
    ('Kindly have a look at my reel before Friday.', 'request reader please', 'favour'),
    ('Could you give my studio page a follow?', 'request reader modal-question', 'favour sender-offering'),
    # a number to reach the reader on and where they live are personal data; a rank or a product tip is not
    ('Which number should we text you on?', 'question sender', 'personal-data'),
    ('Whereabouts do you live now?', 'question reader', 'personal-data'),
    ("What's your number two focus after hiring?", 'question third-party', 'job'),
    ('Could I get your recommendation on a laptop for video editing?', 'request sender modal-question', ''),
    # favours only the parse shows: the reader told what they'll want to do, a wish "for you to", writing placed
    # on the reader's platform, a cover story requested outright, the sender's own thing sent for a visit
    ("You'll want to spotlight our founder's cookbook in your spring list.", 'request reader suggestion', 'favour'),
    ("I'm keen to contribute a column to your newsletter.", 'request sender desire', 'favour press'),
    ('It would mean a lot for you to mention our fundraiser on your show.', 'request reader desire', 'favour'),
    ("We are requesting a cover story on our client's comeback tour.", 'request sender ask',
     'favour press self-introduction sender-offering'),
    ('Swing by and explore our new online shop.', 'request reader imperative', 'favour'),
    # "our other shop" is the sender's; "each other" would take the reader in
    ('You can also visit our other showroom on Mill Lane.', 'request reader suggestion', 'favour'),
    # near misses: the reader's own things, writing about the reader in the sender's own place, help for a team
    ('You might want to check your spam folder.', 'statement reader', ''),
    ("I'd love to write about your approach in my newsletter.", 'request sender desire', ''),
    ("I'm happy to write a short summary for your team.", 'offer sender named', ''),
    # meeting and purchase words beside the ask: a deadline, an idiom, the person to speak with, a fact only noted;
    # a time put to the reader is a meeting; a present joined by "and" to "I hope" is no command
    ('Send me the floor plan and I will quote within 48 hours.', 'request reader imperative', ''),
    ('Happy to keep your team up to date while the pilot runs.', 'offer sender named', ''),
    ('Who would be the right person to speak with about catering?', 'question third-party', ''),
    ('Please note that the refund may take a week to register on your statement.', 'request reader please', ''),
    ('Please let me know if Monday at 4pm would suit you.', 'request reader let-me-know', 'meeting'),
    ('We hope to open in Leeds this spring, and meet your buyers at the trade fair.', 'greeting sender', 'meeting'),
    # a question about how a thing works asks for no slot; a question in the reader's voice offers no help; a
    # contact invitation for a named purpose is a named offer
    ('So how does it work?', 'question third-party', ''),
    ('What do I do when a supplier goes bust?', 'question sender', ''),
    ('For a price list, feel free to drop me a line.', 'offer sender named', ''),
    # a clause that only leads into thanks; browsing the web and the reader's shop notices it; a comma splice
    # opens on the sender; a business of the sender's saying what it can do (a shop owner, a developer, a nurse)
    ('I never tell suppliers this, but thank you!', 'thanks sender', ''),
    ('I was surfing the web and went through your shop.', 'notice sender', ''),
    ('I am a second-year nursing student, that is keen on paediatric care.', 'statement third-party',
     'self-introduction'),
    ('Our agency can get your bakery onto the first page of local search results.', 'self-description sender',
     'self-introduction sender-offering'),
    # a main clause on what the sender does, a notice of the reader's post joined by "and" (a football coach)
    ('I coach the under-12 side at Kilnsey Rovers and saw your post about ground fees.', 'notice sender',
     'self-introduction sender-offering'),
    # a sales claim is the business described: what "our studio" can do, wares offered to no one in particular
    ('Our studio can triple the bookings on your retreat page.', 'self-description sender',
     'self-introduction sender-offering'),
    ('We can provide dependable courier services across the whole county.', 'self-description sender named',
     'sender-offering'),
]


@pytest.mark.parametrize(("sentence", "reading", "concepts"), SENTENCES, ids=[s[0][:40] for s in SENTENCES])
def test_sentence_reading(sentence: str, reading: str, concepts: str, nlp: Any) -> None:
    [found] = analysed(sentence, nlp).reading.sentences
    classes = " ".join(sorted(c for c in found.concepts if "." not in c and c != "reader-detail"))
    assert (" ".join(filter(None, (found.act, found.agent, found.shape))), classes) == (reading, concepts)


def test_a_first_person_ask_cut_before_its_question_mark_is_still_a_request(nlp: Any) -> None:
    # The splitter ends the sentence before "so ...?": "Could I have ..." still asks.
    text = "Hi Gus,\n\nCould I have your email/phone so I can post the brochure?\n"
    first = analysed(text, nlp).reading.sentences[1]
    assert (first.act, first.agent, first.shape) == ("request", "sender", "modal-question")
    assert "personal-data" in first.concepts


def test_lowercase_list_items_are_commands(nlp: Any) -> None:
    """A bulleted lowercase item reads as present tense or a noun to the tagger; it is still a command."""
    text = ("Hi Ines,\n\nTwo quick asks:\n\n• forward my portfolio to your art director\n"
            "• share it with your studio\n\nThanks,\nLeo\n")
    items = [s for s in analysed(text, nlp).reading.sentences if s.text.startswith(("forward", "share"))]
    assert [(s.act, s.agent, s.shape) for s in items] == [("request", "reader", "imperative")] * 2


def test_at_least_forty_sentences_of_every_act_and_shape() -> None:
    assert len(SENTENCES) >= 40
    assert {s[1].split()[0] for s in SENTENCES} == set(ACTS)
    assert {s[1].split()[2] for s in SENTENCES if len(s[1].split()) == 3} >= set(SHAPES) - {"ask"}


@pytest.mark.parametrize(("sentence", "length", "time"), [
    ("Are you open to a quick 20-minute call on Friday?", "20-minute", "on Friday"),
    ("Could we find half an hour next week?", "half an hour", "next week"),
    ("I'd like to meet with you for 20-30 minutes.", "20-30 minutes", None),
    ("Do you have a few minutes tomorrow?", "a few minutes", "tomorrow"),
])
def test_meeting_details(sentence: str, length: str | None, time: str | None, nlp: Any) -> None:
    [reading] = analysed(sentence, nlp).reading.sentences
    assert reading.meeting is not None
    assert (reading.meeting.length, reading.meeting.time) == (length, time)


def test_sub_kinds_carry_their_class(nlp: Any) -> None:
    [reading] = analysed("Could you introduce me to your head of finance?", nlp).reading.sentences
    assert {"favour", "favour.introduction"} <= reading.concepts


RELATIONSHIPS = [
    ("Hi Tom, we worked together on the billing migration at Corvid. Could we grab 20 minutes next week?", "warm"),
    ("Hi Rae, great meeting you at the Lisbon product summit on Thursday.", "warm"),
    ("Hi Nia, following our call yesterday, here is the one-pager on the pilot.", "warm"),
    ("Hi Jo, we met briefly at the Austin meetup. Let's find a time to continue.", "warm"),
    ("Hi Uma, as we discussed on Monday, I've attached the revised quote.", "warm"),
    ("Hi Lars, it was good to chat with you at the booth last week.", "warm"),
    ("Hi Ben, we're both in the Revenue Ops Slack group. Would you be open to a quick chat next week?", "cold"),
    ("Hi Ola, Marta Silva suggested I reach out to you about your warehouse robotics rollout.", "cold"),
    ("Hi Ana, we haven't met yet, but I'd love to connect.", "cold"),
    ("Hi Pia, we could meet at the conference next month if you're going.", "cold"),
    ("Hi Kai, we met with forty finance leaders last quarter and heard the same complaint.", "cold"),
    ("Hi Eve, I'd love to talk with you about your hiring plans.", "cold"),
]


@pytest.mark.parametrize(("text", "expected"), RELATIONSHIPS, ids=[t[:40] for t, _ in RELATIONSHIPS])
def test_relationship(text: str, expected: str, nlp: Any) -> None:
    assert analysed(text, nlp).reading.relationship == expected


KINDS = [
    ("Hi Sam, our platform helps teams like yours close deals faster. Are you free for a demo this week?", "pitch",
     None),
    ("Hi Pat, could you introduce me to the head of procurement at your company?", "favour", None),
    ("Hello Dr. Osei, I'm a biology student applying for the research assistant position in your lab. Would you be "
     "willing to look at my CV?", "job-ask", None),
    ("Hi Carmen, I'm recruiting for a staff data engineer role at a climate startup. Are you open to new "
     "opportunities?", "recruiting", None),
    ("Hi Tara, I run PR for a cardiologist with a new study on sleep. Would your readers be interested in an "
     "interview?", "pr-pitch", None),
    ("Hi there, I noticed your resources page lists tools for freelancers. Would you add a link to our invoicing "
     "guide?", "link-exchange", None),
    ("Hi Jo, we met at the Austin meetup. Let's find a time to continue the conversation.", "scheduling", None),
    ("Thanks Mia, Tuesday at 3 works for me. I'll send an invite.", "reply", "reply"),
    ("Hi Dev, I enjoyed your episode with Mara Quinn on founder burnout.", "other", None),
    ("Hi Lou, would you be willing to share our launch post with your followers?", "favour", None),
    ("Hi Ivy, we're hiring two nurses for our night shift, and your ICU experience fits. Open to a chat?",
     "recruiting", None),
    ("Hi Max, sign up before Friday and your first month of our bookkeeping service is free.", "pitch", None),
]


@pytest.mark.parametrize(("text", "expected", "stage"), KINDS, ids=[t[:40] for t, _, _ in KINDS])
def test_kind(text: str, expected: str, stage: str | None, nlp: Any) -> None:
    assert analysed(text, nlp, stage).reading.kind == expected


DETAILS = [
    ("Hi Ro, thanks for connecting me with Sarah on the pricing team. Her notes helped.",
     ["connecting me with Sarah on the pricing team"]),
    ("Hi Ro, thank you for introducing us to Dana Whitfield last week.",
     ["introducing us to Dana Whitfield last week"]),
    ("Hi Ro, could you connect me with Sarah Lee on your pricing team?", []),  # asked for, not done: a favour
    ("Hi Jess, I read your article on cutting onboarding time at Brightpath.",
     ["your article on cutting onboarding time at Brightpath"]),
    ("Hi Lee, I saw you spoke at DevOpsDays Austin about flaky test budgets.",
     ["you spoke at DevOpsDays Austin about flaky test budgets"]),
    ("Hi Kim, congrats on the Series B with Harbor Capital!", ["the Series B"]),
    ("Hi Carmen, your Airflow talk caught my eye.", ["your Airflow talk"]),
    ("Hi Dev, I enjoyed your podcast episode with Mara Quinn on founder burnout.",
     ["your podcast episode with Mara Quinn on founder burnout"]),
    ("Hi Ola, Marta Silva suggested I reach out to you about the robotics rollout.",
     ["Marta Silva suggested I reach out to you about the robotics…"]),
    ("Hi Ben, we're both in the Revenue Ops Slack group.", ["in the Revenue Ops Slack group"]),
    ("Hi Rae, great meeting you at the Lisbon product summit.", ["great meeting you at the Lisbon product summit"]),
    ("Hi Uma, your team's write-up on warehouse slotting was sharp.", ["your team's write-up on warehouse slotting"]),
    ("Hi Cy, your crew moved the Tampa depot to solar panels last spring.",
     ["your crew moved the Tampa depot to solar panels last spring"]),
    ("Hi Bo, we sat at the same table at the Ops Summit in Leeds.", ["at the Ops Summit in Leeds"]),
    ("Hi Ahmed, congrats on the new role at Orbit.", ["the new role at Orbit"]),
    # generic ones do not count
    ("Hi Kit, your thoughts on our product would help us a lot.", []),
    ("Hi Ada, I liked [Deleted] a lot.", []),  # a redaction, not a template's detail field
    ("Hi Lu, your biggest pain points this quarter are probably hiring and churn.", []),
    ("Hi Sam, I came across your profile and love your content.", []),
    ("Hi Ron, your background in sales is impressive and your company is growing.", []),
    ("Hi Mo, our mutual friend suggested I get in touch.", []),
    ("Hi Zoe, I saw your recent post.", []),
    ("Hi Al, I noticed you work at Acme.", []),
    # stated facts about the reader or a thing of theirs
    ("Hi Dee, your bakery's website loads in nine seconds on a phone.",
     ["your bakery's website loads in nine seconds on a phone"]),
    ("Hi Gus, you moved from nursing into product design in 2021.",
     ["you moved from nursing into product design in 2021"]),
    ("Hi Fay, your Glasgow studio opens its second floor in June.",
     ["your Glasgow studio opens its second floor in June"]),
    ("Hi Fay, your team probably spends ten hours a week on invoices.", []),
    ("Hi Fay, your team could save ten hours a week.", []),
    # a named owner, a described thing, their work on a topic, a past job, an event they came to
    ("Hi Rob, Pellworth's announcement about closing two depots caught my attention.",
     ["Pellworth's announcement about closing two depots"]),
    ("Hi Uma, your notebook comparing three churn models was clear.",
     ["your notebook"]),
    ("Hi Ned, your work on the Rust port of the parser is impressive.", ["your work on the Rust port of the parser"]),
    ("Hi Ned, I admire your work.", []),
    ("Really enjoyed your talk 🎤 on onboarding emails.", ["your talk"]),
    ("Hey Bo, your PR adding retries to the upload client fixed our nightly build.",
     ["your PR adding retries to the upload client"]),
    ("Hi Joy, I noticed you used to teach at Harlow College.", ["you used to teach at Harlow College"]),
    ("Hi Tess, thanks for stopping by our stand at the Leeds craft fair!", ["stopping by our stand at the Leeds"]),
    # not details: a shared industry, a stock discovery phrase, a redaction in a real message
    ("Hi Lev, we're both in logistics.", []),
    ("Hi Lev, I'd love to hear your biggest pain points around hiring.", []),
    ("Hi Lev, I'm writing about [REDACTED] and our new range.", []),
    # a thing of theirs named by a title in quotes, or by "of you" (a collector, a journalism student)
    ("Hi Lev, I own two of your \u201cHarbour\u201d prints.", ['your "Harbour" prints']),
    ("Hi Lev, I found a photo of you at the 1998 Dakar rally in our club's archive.",
     ["a photo of you at the 1998 Dakar rally in our club's archive"]),
    ("Hi Lev, I'd love a photo of your team.", []),  # asked for, with nothing pinned down
    # what a pitch offers to fix or price for the reader is no fact about them (an SEO seller, a repair shop)
    ("Hi Lev, reply to us for your web site quote.", []),
    ("Hi Lev, our engineers fix your computer problems.", []),
    # a named club both belong to; a topic past a time word, or hung on the verb of reading chapters of theirs
    ("Hi Ben, we are both members of the Harbour Rowing Club.", ["of the Harbour Rowing Club"]),
    ("Hi Ana, I read your thread yesterday about pricing for dog groomers.",
     ["your thread yesterday about pricing for dog groomers"]),
    ("Hi Ana, after reading two chapters of your book on tidal energy, I have one question.", ["your book"]),
    # a platform's say-so, a "your" anyone has, a "Your" inside a name; named examples, a dated long-time reader
    ("Hi Jo, LinkedIn says your posts reach more people when you add a photo.", []),
    ("She shares ideas on how what you wear changes your love life.", []),
    ("I am interested in learning about bakery jobs with The Big Bakery in Your City, Texas.", []),
    ("Hi Jo, your recipes like Burnt Honey Flapjacks got my kids baking.",
     ["your recipes like Burnt Honey Flapjacks"]),
    ("Hi Jo, I have followed your podcast since Jonah Lee was a guest.", ["since Jonah Lee was a guest"]),
    ("Hi Jo, I have been following you for a while.", []),
]


@pytest.mark.parametrize(("text", "expected"), DETAILS, ids=[t[:40] for t, _ in DETAILS])
def test_reader_details(text: str, expected: list[str], nlp: Any) -> None:
    assert list(analysed(text, nlp).reading.reader_details) == expected


def test_a_merge_field_for_a_specific_detail_counts(nlp: Any) -> None:
    text = "---\ntemplate: true\n---\nHi {{first_name}}, I liked {{recent_post_topic}} a lot.\n"
    assert analysed(text, nlp).reading.reader_details == ("{{recent_post_topic}}",)


def test_the_reading_is_computed_once_per_message(nlp: Any) -> None:
    analysis = analysed("Hi Sam, could we talk on Friday?", nlp)
    assert analysis.reading is analysis.reading


def test_read_takes_other_concept_classes(nlp: Any) -> None:
    analysis = analysed("Could you water my ferns while I'm away?", nlp)
    extra = parse_concepts("house-sitting:\n  verbs: [water]\n", "concepts.yaml")
    [reading] = read(analysis, builtin_concepts().merged(extra)).sentences
    assert "house-sitting" in reading.concepts
    assert "house-sitting" not in analysis.reading.sentences[0].concepts


def test_a_pack_extends_the_builtin_classes(tmp_path: Path) -> None:
    (tmp_path / "concepts.yaml").write_text("meeting:\n  nouns: [huddle]\ngardening:\n  verbs: [prune]\n")
    classes = concepts_for([tmp_path])
    assert "meeting" in classes.nouns["huddle"] and "meeting" in classes.nouns["call"]
    assert "gardening" in classes.names


@pytest.mark.parametrize(("text", "problem"), [
    ("meeting:\n  nouns: [call]\n  verb: [meet]\n", "concepts.yaml:3: unknown key 'verb' in concept class 'meeting'"),
    ("meeting:\n  nouns: call\n", "concepts.yaml:2: 'meeting.nouns' must be a list of words"),
    ("Meeting:\n  nouns: [call]\n", "concepts.yaml:1: concept class 'Meeting' must be kebab-case"),
    ("- call\n", "concepts.yaml:1: a concepts file must map class names to their words"),
    ("favour:\n  kinds:\n    intro:\n      kinds: {x: {nouns: [y]}}\n",
     "concepts.yaml:4: unknown key 'kinds' in concept class 'favour.intro'"),
    ("meeting: [call\n", "concepts.yaml:2: invalid YAML"),
])
def test_a_bad_concepts_file_names_its_line(text: str, problem: str) -> None:
    with pytest.raises(ConceptError) as caught:
        parse_concepts(text, "concepts.yaml")
    assert caught.value.render().startswith(problem)


def test_the_json_report_carries_the_reading_and_the_cache_keeps_it(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text("Hi Ines,\n\nWe worked together at Corvid. Your talk on cold-chain audits in Porto was sharp. "
                     "Could we grab 15 minutes next week?\n", encoding="utf-8")
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "cache"))
    runs = [CliRunner().invoke(cli.main, ["check", "--format", "json", str(draft)]) for _ in range(2)]
    [entry] = json.loads(runs[0].stdout)["files"]
    assert entry["reading"] == {"relationship": "warm", "kind": "scheduling",
                                "reader_details": ["Your talk on cold-chain audits in Porto",
                                                   "We worked together at Corvid"]}
    assert runs[1].stdout == runs[0].stdout


def test_a_cache_entry_restores_the_reading(tmp_path: Path) -> None:
    summary = ReadingSummary("warm", "favour", ("your post on pricing",))
    report = FileReport("a.md", "email", "first-touch", (), ("Hi",), {"rapport": 100}, 100, reading=summary)
    cache = ResultCache(tmp_path)
    cache.store("ab" * 32, [report], {})
    entry = cache.load("ab" * 32)
    assert entry is not None and entry.files[0].reading == summary


def test_the_readme_shows_what_read_prints(monkeypatch: pytest.MonkeyPatch) -> None:
    root = Path(__file__).resolve().parents[1]
    readme = (root / "README.md").read_text(encoding="utf-8")
    prompt = "    $ outreach-lint read "
    start = readme.index(prompt)
    shown = readme[start:].split("\n\n")[0].splitlines()
    monkeypatch.chdir(root)
    result = CliRunner().invoke(cli.main, ["read", *shown[0].removeprefix(prompt).split()])
    assert result.exit_code == 0
    assert [line.removeprefix("    ") for line in shown[1:]] == result.stdout.splitlines()


def test_read_reports_a_missing_draft_and_reads_the_others(tmp_path: Path) -> None:
    draft = tmp_path / "a.md"
    draft.write_text("Hi Jo,\n\nCould you introduce me to your CFO?\n", encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["read", "--no-config", str(draft), str(tmp_path / "missing.md")])
    assert result.exit_code == 2
    assert "request by reader (modal-question); favour, favour.introduction" in result.stdout
    assert "missing.md" in result.stderr


# A pitch told over several sentences (reading/offering_thread.py, reading/pitched.py): the sentence that carries
# it on reads as the sender's offering; the near miss beside it does not.
PITCH_THREADS = [
    # a dare between, then "And this ..." about the service (a window cleaner)
    ("Hi Bo,\n\nOur crew can clean every pane in your office block by Friday. Ask us for references. And this costs "
     "less than a monthly coffee order. Does Friday suit?\n", "And this costs", True),
    # the sender's business named again, told of the reader (a bakery's welcome)
    ("Thanks for the follow! Greenloaf is the go-to bread delivery service in Cardiff. You'll now get our menu "
     "every Sunday.\n", "You'll now get", True),
    # a press pitch: the client at work next (a literary publicist)
    ("Hi Bo,\n\nWould a story on her tour suit your books page? Marta Lind is touring four cities this spring. Lind "
     "will read at the Leeds library in May.\n", "Lind will read", True),
    # "This is why ..." points at the reason for writing, not the product (a ceramicist)
    ("Hi Bo,\n\nYour gallery's spring show was striking. We throw stoneware by hand. This is why I'm writing. Could "
     "I send a few photos?\n", "This is why", False),
]


@pytest.mark.parametrize(("text", "sentence", "offering"), PITCH_THREADS, ids=[p[1] for p in PITCH_THREADS])
def test_a_pitch_carried_over_sentences(text: str, sentence: str, offering: bool, nlp: Any) -> None:
    [found] = [s for s in analysed(text, nlp).reading.sentences if s.text.startswith(sentence)]
    assert ("sender-offering" in found.concepts and found.act == "self-description") is offering

"""Generate aupguard's own abusive-language training examples (issue 3).

Run ``python training/data/own_examples.py``; it writes ``own_examples.jsonl`` next to this
file. The rows are written by the project for UK town and parish council settings: the
hard negatives a word list gets wrong (counter-speech, quotation, negation, neutral
mentions of protected groups, rude-looking place names) and UK insults, slurs, threats,
harassment and sexual remarks. About 1,650 rows are hand-written sentences in the lists
below; the rest is template expansion with the same person, topic and group fillers used
in clean and abusive templates, so a filler never gives the label away. About 1,800 clean
rows of everyday council business (minutes, agendas, emails, posts, office chat) use the
same councillor and staff names, so "Cllr", "clerk", "Mayor" or "will" do not predict abuse.

Stdlib only, deterministic (``random.Random(20261121)``). The script refuses to write
(exit 1, offenders printed) if any row is too close to the held-out functional suite
or any string literal in ``tests/detectors/test_abuse.py`` (token-set Jaccard >= 0.6), or to
any text of the evaluation set ``tests/fixtures/eval/labelled.jsonl`` (Jaccard >= 0.5), or
repeats a detector ``Example`` string or one of those test strings.

The sentences deliberately contain slurs, threats and sexual remarks: this is training
data for a council's abuse filter.
"""

# ruff: noqa: E501
# (data file: one sentence per line reads better than wrapped strings)

from __future__ import annotations

import ast
import json
import re
import sys
from collections import Counter
from pathlib import Path

SEED = 20261121
HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent.parent
OUT_PATH = HERE / "own_examples.jsonl"
FUNCTIONAL_PATH = REPO_ROOT / "tests" / "fixtures" / "abuse" / "functional.jsonl"
DETECTOR_PATH = REPO_ROOT / "src" / "aupguard" / "detectors" / "abuse.py"
TEST_PATH = REPO_ROOT / "tests" / "detectors" / "test_abuse.py"
# The policy evaluation set: must stay unseen, so nothing close to its texts is generated.
EVAL_PATH = REPO_ROOT / "tests" / "fixtures" / "eval" / "labelled.jsonl"
JACCARD_LIMIT = 0.6
EVAL_JACCARD_LIMIT = 0.5
# Template rows are dropped well before the hard limit, so the near-misses never reach it.
TEMPLATE_JACCARD_LIMIT = 0.5

LABELS = ("clean", "profanity", "insult", "harassment", "hate", "threat", "sexual")
GROUPS = (
    "counter_speech", "quotation", "negation", "neutral_identity", "council_business",
    "uk_insult", "uk_slur", "derogation", "dehumanisation", "threat_councillor",
    "threat_staff", "harassment", "sexual", "profanity",
)  # fmt: skip

# Equality Act 2010 protected characteristics, spelt exactly as in the output.
AGE = "age"
DIS = "disability"
GR = "gender reassignment"
MAR = "marriage and civil partnership"
PREG = "pregnancy and maternity"
RACE = "race"
REL = "religion or belief"
SEX = "sex"
SO = "sexual orientation"
CHARACTERISTICS = (AGE, DIS, GR, MAR, PREG, RACE, REL, SEX, SO)

# ---------------------------------------------------------------------------------------
# Hand-written sentences. An entry is either a string (characteristic None) or a
# (text, characteristic) pair.
# ---------------------------------------------------------------------------------------

# clean / counter_speech: condemning or reporting abuse, often quoting the slur.
COUNTER_SPEECH_CLEAN = [
    ("Someone wrote 'pikeys out' on the noticeboard by the rec. That is anti-Traveller racism and we have reported it as a hate incident.", RACE),
    ("Please don't use 'spastic' or 'spaz' in the comments. It's a slur against disabled people and any comment using it will be removed.", DIS),
    ("The word 'tranny' is a slur. We will hide any comment that uses it about our residents or our staff.", GR),
    ("Referring to our Jewish councillor as a 'yid' is antisemitic abuse. It has been reported to the police and to the CST.", REL),
    ("To the man who shouted 'poof' at the lads leaving the Pride picnic: that is homophobic abuse and there is CCTV on the square.", SO),
    ("Calling the receptionist a 'dyke' isn't banter, it's homophobic harassment, and the council won't put up with it.", SO),
    ("'Raghead' is an anti-Sikh slur. The post aimed at Cllr Gill has been deleted and the account banned from this page.", REL),
    ("We are aware of a leaflet describing Muslims as 'a fifth column'. This is anti-Muslim hatred and it has gone to the police.", REL),
    ("Saying a woman can't do the Mayor's job because of 'hormones' is sexist rubbish. Ashcombe has had six excellent women Mayors.", SEX),
    ("Describing older residents as 'coffin dodgers' in a planning objection is ageist, and that part of the objection will be redacted before publication.", AGE),
    ("It is not acceptable to call a pregnant member of staff 'a liability'. Pregnancy discrimination is unlawful and we will not tolerate it.", PREG),
    ("Mocking a couple because they are in a civil partnership is discrimination. Their booking of the Assembly Room goes ahead as planned.", MAR),
    ("Words like 'mong' and 'retard' hurt real families in this town. Please think before you post.", DIS),
    ("Golliwog 'ornaments' on a market stall were reported by several residents. They are racist caricatures and the trader has been asked to remove them.", RACE),
    ("'Batty boy' is a homophobic slur, not a joke, and the youth club has a zero tolerance policy on it.", SO),
    ("Graffiti calling gay people 'nonces' has been painted over. Linking gay men to child abuse is an old homophobic lie.", SO),
    ("Comparing asylum seekers to 'an invasion' dehumanises people who have fled war. Please keep this page respectful.", RACE),
    ("We have removed comments that called Roma families 'vermin'. Dehumanising language like that fuels hate crime.", RACE),
    ("Any post calling our Traveller neighbours 'gyppos' will be deleted and the user blocked. No exceptions.", RACE),
    ("Telling Cllr Nowak to 'go back to Poland' is xenophobic abuse. She has lived here for twenty years and was elected by her ward.", RACE),
    ("'Women belong in the kitchen' is not a valid planning objection. Please keep comments to the application itself.", SEX),
    ("Shouting 'wog' at a bus driver is a racially aggravated offence. The driver has our full support.", RACE),
    ("Whoever chalked 'towelheads' outside the gurdwara: the police have the footage. Hate has no home in Ashcombe.", REL),
    ("The council condemns the 'no trannies' sticker put up in the leisure centre changing rooms, and has had it removed.", GR),
    ("Calling disabled residents 'scroungers' in a debate about blue badges is offensive and factually wrong.", DIS),
    ("The Chair reminded members that calling anyone a 'benefit cheat' because of their disability would breach the code of conduct.", DIS),
    ("Antisemitic abuse, including calling people 'yids', is a hate crime. Report it to the police on 101 or online.", REL),
    ("Suggesting young people are 'all thugs' because of one incident at the skate park is unfair to the hundreds who use it well.", AGE),
    ("Calling a breastfeeding mum 'disgusting' in the pavilion café is discrimination, and the café lease requires staff to welcome her.", PREG),
    ("'Queer' was shouted as an insult at the bus stop on Friday night. Several of you reported it. Thank you.", SO),
    ("Racist chanting at the Town match on Saturday was unacceptable. The club and the council are working with the police.", RACE),
    ("Calling Cllr Adeyemi a 'monkey' is racist abuse, and it will be treated as exactly that.", RACE),
    "Our staff are people. Please don't swear at them on the phone, however frustrated you are.",
    "Abuse of councillors puts good people off standing. Disagree with the decision, not the person.",
    "The council has adopted the LGA guidance on handling abuse and intimidation of councillors and officers.",
    ("If you see someone being called names for wearing a headscarf, please report it. Silence lets it happen again.", REL),
    ("Misgendering a member of staff on purpose and calling her 'it' is harassment and breaches our customer charter.", GR),
    ("Homophobic graffiti appeared on the bandstand this weekend. To our LGBT+ residents: this town is yours too.", SO),
    ("We stand with Ashcombe's Hindu community following the damage to the temple noticeboard.", REL),
    ("To whoever is leaving 'Pakis go home' notes on cars in Cross Street: the police have the notes and the CCTV.", RACE),
    ("Posting that older staff are 'past it' and should be pushed out is ageist. Experience is valued here.", AGE),
    ("Calling a trans woman 'a bloke in a frock' at the public meeting was transphobic, and the Chair was right to stop it.", GR),
    ("The Mayor has written to the family who were called 'dirty gypsies' at the fair to apologise on behalf of the town.", RACE),
    "Our Facebook rules: no slurs, no threats, no personal abuse. Criticise decisions, not people.",
    ("The word 'paki' is a racist slur. It is not short for anything harmless and it will not be tolerated here.", RACE),
    ("Saying married women should give up their seats to look after the home is sexist and decades out of date.", MAR),
    ("Jokes about wheelchair users being 'cabbages' are disgusting. The access group has had a hard enough week.", DIS),
    ("We've removed a comment describing the Pride event as 'a parade of perverts'. Homophobia is not welcome on this page.", SO),
    ("Some comments on the mosque application claim all Muslims 'support terror'. That is a smear and those comments have been hidden.", REL),
    ("Please stop calling the new residents at Willow Court 'foreigners' as if it were an insult. They are our neighbours.", RACE),
    "Abusing the bin crews is never okay. They do a hard job in all weathers.",
    "The Chair halted the meeting after someone in the gallery called Cllr Thompson 'a thick cow'. Councillors deserve basic respect.",
    "Threats against the Town Clerk are criminal, not 'just venting'. We will always involve the police.",
    "The comments wishing harm on Cllr Walsh's family are vile. Screenshots have been sent to the police.",
    ("Telling a woman councillor she should 'smile more and talk less' is sexist, and it is not the first time it has happened.", SEX),
    ("No, it isn't 'political correctness' to object to someone calling our deputy clerk a 'spastic'. It's basic decency.", DIS),
    "The 'Chav Fest' posters mocking people on the Brookfield estate have been taken down. Sneering at people for being poor isn't funny.",
    "Calling the Deputy Mayor a 'nonce' with no evidence is defamatory, and it has been passed to our solicitor.",
    ("Anti-Irish jokes at the St Patrick's ceilidh were reported to the organisers. 'Thick Paddy' gags are racist.", RACE),
    ("The leaflet claiming that 'Gypsies and Travellers bring crime' was investigated by the police as a hate incident.", RACE),
    "The library is a third-party hate crime reporting centre if you have been targeted because of who you are.",
    ("We have banned the account that kept calling a disabled resident 'a waste of oxygen'.", DIS),
    ("Several parents complained that a coach called the under-12s 'gay' as an insult. The league has taken action.", SO),
    ("The word 'chinky' was used about the Lucky Star on Market Hill in a comment last night. That is racist and it has been deleted.", RACE),
    ("Abuse aimed at Cllr Kaur because of her turban is religious hatred, and the police are treating it as such.", REL),
    ("Calling Cllr Goldberg's supporters 'Zionist rats' is antisemitic and has been reported.", REL),
    ("Please don't refer to people with learning disabilities as 'mongs' on this page, or anywhere else.", DIS),
    ("We condemn the transphobic stickers on the lamp posts in Queen Street and have arranged for their removal.", GR),
    ("The people who shouted 'dirty Jew' at the Remembrance parade have been identified. We fully support the prosecution.", REL),
    ("Saying pregnant staff are 'always off sick' is a stereotype, and it has no place on a council recruitment panel.", PREG),
    ("Telling an older volunteer she's 'too old to be useful' is ageist and untrue; she runs the whole food bank rota.", AGE),
    ("Racist abuse of our Eastern European residents has gone up this year. Please report every incident, however small.", RACE),
    ("A few commenters called the same-sex couple 'an abomination'. We've deleted those comments and we congratulate the couple.", SO),
    ("The youth council has made a short film about why 'that's so gay' hurts. It's on our YouTube channel.", SO),
    ("We were sent a photo of a 'no Travellers' sign in a pub window. That is unlawful and has been reported to the EHRC.", RACE),
    ("The Mayor said: 'Those who call our Muslim neighbours terrorists do not speak for this town.'", REL),
    ("Some replies to the Pride post compared gay people to paedophiles. That's a hateful lie and we've reported the accounts.", SO),
    ("It's 2024 and we are still deleting 'women shouldn't be councillors' from our page. Enough.", SEX),
    ("Describing the new family on Orchard Way as 'n*****s' in the residents' WhatsApp is racist abuse. The admin has removed the member.", RACE),
    ("The n-word is never acceptable on this page, not as a joke, not as a 'quote', not at all.", RACE),
    ("Calling Cllr Osei's children 'half-castes' is racist, and the Mayor has offered the family the council's support.", RACE),
    ("Shouting 'cripple' at a man using a stick outside the post office is disability hate crime. Please come forward if you saw it.", DIS),
    ("'Bender' and 'shirt-lifter' are homophobic slurs, and posts using them will be reported, not just deleted.", SO),
    ("Calling someone 'it' because they are trans is dehumanising. Please use people's names.", GR),
    ("Leaflets describing Travellers as 'a plague' were pushed through doors on Mill Lane. We condemn them completely.", RACE),
    ("'Breeders' is an ugly word to use about mothers on the estate, and it doesn't belong in a debate about nursery places.", PREG),
    ("Referring to a disabled councillor as 'the cabbage' in a public forum is disgusting and the post has been removed.", DIS),
    ("Anti-Catholic chants outside St Mary's on Sunday were reported to the police. Sectarian abuse has no place here.", REL),
    ("The 'Hindus stink' graffiti on the underpass has been cleaned off. If you know who did it, please call Crimestoppers.", REL),
    ("Telling a dad on paternity leave he should 'man up' and get back to work is sexist nonsense.", PREG),
    ("Calling older residents 'bed blockers' during a hospital discharge debate was hurtful. The councillor has apologised.", AGE),
    ("To the people mocking the couple's civil partnership photos: they were married in our town hall and we're proud of it.", MAR),
    ("Dehumanising language about refugees, like calling them 'cockroaches' or 'a swarm', will be removed from this page.", RACE),
    ("Saying bisexual people are 'just greedy' is biphobic. Please take part in the debate respectfully.", SO),
    ("Racist comments under the Windrush Day post have been hidden and the users blocked.", RACE),
    ("No one should be called a 'slapper' for breastfeeding in the park. Mothers are welcome in every council space.", PREG),
    ("The 'too old to stand' comments about Cllr Ellis are ageist. He was elected, like everyone else.", AGE),
    ("The abuse of the wheelchair user at the station was captured on CCTV, and the British Transport Police are investigating.", DIS),
]

# abusive rows in the counter_speech group: condemning bigots, but abusively.
COUNTER_SPEECH_ABUSIVE = [
    ("The racist scumbags who sprayed the gurdwara are pathetic little cowards.", "insult", None),
    ("Whoever keeps calling the clerk a slag online is a spineless little troll.", "insult", None),
    ("The bigots who wrote 'no gays' on the bandstand are brain-dead morons.", "insult", None),
    ("Anyone who uses 'retard' as an insult is a thick knobhead themselves.", "insult", None),
    ("The racists who chased that family off the rec deserve a good kicking, and I'd happily give it.", "threat", None),
    ("Homophobes like the bloke at the bus stop are sad, pathetic losers.", "insult", None),
    ("The cretin who sprayed swastikas on the war memorial needs their head kicked in.", "threat", None),
    ("Transphobic dinosaurs like Cllr Moss should crawl back under their stone, the bitter old hag.", "insult", None),
    ("That racist prat on the planning committee is a disgrace and a total bellend.", "insult", None),
    ("Let's all find the racist who abused the bus driver and make his life hell. Post his address.", "harassment", None),
    ("Whoever called the deputy clerk a tranny is an ignorant fucking cockwomble.", "insult", None),
    ("The antisemitic idiots behind those leaflets are the lowest of the low, absolute vermin.", "insult", None),
]

# clean / quotation: reporting what was said, neutrally or as evidence.
QUOTATION_CLEAN = [
    "Minute 14/24: the Clerk reported three abusive phone calls in June, including one in which the caller called her 'a thick bitch'.",
    "Incident log, 7 March: a member of the public told the caretaker 'I'll knock your teeth out' when asked to move his van. Police reference obtained.",
    "The complainant states that Cllr Moss was called a 'fat slag' outside the Co-op on 3 May.",
    ("A resident reports that someone shouted 'go home, you Polish scum' at her daughter on the way to school.", RACE),
    ("The anonymous letter, which began 'Dear paki lover', has been handed to the police.", RACE),
    ("CCTV captured a man writing 'kill all Muslims' on the underpass wall; he has since been charged.", REL),
    "From the standards hearing: the councillor admitted calling a constituent 'a moron' in a private message and has apologised.",
    "The caller repeatedly used the word 'cunt' and the call was ended in line with our unacceptable behaviour policy.",
    ("Witnesses say the man told the Traveller family 'you lot should be gassed' before driving off.", RACE),
    ("A youth worker heard a boy call another 'a spaz'; both families have been spoken to.", DIS),
    "A Facebook user commented 'hang them all' under the precept post. The comment was reported to Facebook and to the police.",
    "Our receptionist was told 'I know what time you finish' by a caller on Tuesday. This is being treated as a threat.",
    "The voicemail said: 'You'll regret crossing me, Clerk.' It has been saved and passed to the police.",
    ("Summary of complaint: the complainant alleges that an officer said 'bloody Gypsies' during a site visit. The officer denies this.", RACE),
    "Quote of the week from the Ashcombe Gazette: 'the council are a bunch of clowns'. We'll take that on the chin.",
    "Email received 10:42: 'Your a useless bunch of wankers, sort the bins.' Forwarded to the Clerk so the bin point gets a reply.",
    ("Cllr Begum told the meeting she was called a 'terrorist' while canvassing on Elm Road.", REL),
    "The touring production of Brassed Off contains strong language, including 'bastard' and 'fuck'. Suitable for ages 15 and over.",
    "Content note: the local history talk quotes wartime posters that call Germans 'Huns'.",
    "The Gazette headline 'Mayor called a traitor at packed meeting' refers to comments shouted from the public gallery.",
    "Transcript. Member of the public: 'You're all bent, every one of you.' Chair: 'Please withdraw that remark.'",
    ("A sticker reading 'Trans women are men' was found on the rainbow crossing and removed by the street team.", GR),
    "The hate crime form asks you to write down exactly what was said, for example 'P*ki go home', even if the words are upsetting.",
    "According to the police statement, the defendant shouted 'I'm going to stab you' twice before leaving the office.",
    "Reading group note: Huckleberry Finn includes racial slurs, and the group will discuss that context on Thursday.",
    "The officer recorded that the customer called her 'a stupid little girl' and 'a jobsworth'.",
    ("Letter from Mr T: 'If you lot approve that mosque, there'll be trouble.' Passed to the police for assessment.", REL),
    ("One survey response said 'send the immigrants back'. We publish responses in full but have redacted names.", RACE),
    "Tweet from @AshcombeWatch on 3 June: 'Cllr Fenwick should be strung up.' This has been reported as a threat.",
    "The old market charter fines anyone who 'curseth or sweareth' in the market place. It has not been enforced since 1820!",
    ("At the tribunal the manager admitted telling a pregnant employee 'you're no use to us now'.", PREG),
    ("He denied calling the woman a 'tranny' but accepted that he had shouted at her.", GR),
    "The noise complaint says the neighbours scream 'fucking hell' at each other most nights.",
    ("The posters reading 'No blacks, no dogs, no Irish' are part of the museum's exhibition on 1960s housing.", RACE),
    ("Cllr Hughes told the AGM: 'I've been called a dinosaur, a fossil and worse, and I'm still here.'", AGE),
    "Notes of call: the caller said 'I hope your kids get run over' and hung up. Logged as a threat to staff.",
    ("The Gazette reports that a man was fined for shouting 'queers' at two women holding hands on Fore Street.", SO),
    ("The misconduct notice quotes the officer as saying 'women don't understand drainage'.", SEX),
    "The resident's email called the council 'a shower of shite' before raising a fair point about the bus timetable.",
    ("The note left on the wheelchair user's car said 'you're faking it, cripple'. It has been given to the police.", DIS),
    "From the gallery: 'This is a fix, you corrupt bastards!' The Chair adjourned the meeting for ten minutes.",
    "The standards panel heard that the councillor told a resident to 'piss off' on a doorstep in Hill Road.",
    ("Police appeal: a man was heard shouting 'I'll burn the lot of you out' at the caravans on Tuesday night.", RACE),
    "The Clerk has logged 41 messages from one account this month, many of them just 'resign, resign, resign'.",
    "A Facebook comment read 'Someone should post the clerk's address.' It has been removed and reported.",
    "The radio presenter read out listener texts, one of which called the Mayor 'a knob'.",
    "The allotment dispute started when one plot holder called another 'an old witch' over a hosepipe.",
    "Induction scenario: a resident emails 'You ugly old hag, no one voted for you.' How would you respond?",
    "Her statement says a man at the hall followed her to her car saying 'nice legs, darling, want a lift?'.",
    "The complaint describes messages asking the receptionist for 'pics' late at night. We have informed the police.",
    "At the licensing hearing the objector said the pub's regulars 'swear like troopers'.",
    "The youth survey asked 'Have you ever been called fat, gay or stupid online?' and 62% said yes.",
    "Minute 88/23: Cllr Ellis read into the record an email calling him a 'lying toerag', and asked that it be referred to the police.",
    "Staff training slide: phrases such as 'you'll be sorry' and 'I know your car' should be logged as possible threats.",
    ("The court heard that she was called a 'dirty Muslim' and had her hijab pulled on the high street.", REL),
    ("Complaint 2024/117: the complainant says a driver shouted 'fucking pikey' at him in the Tesco car park.", RACE),
    "Incident report: the man said 'I'll do you, I swear' and kicked the office door. Police attended.",
    "Our moderation log shows 212 comments hidden last year, mostly for words like 'twat', 'prick' and 'cunt'.",
    ("The Gazette quotes a protester's placard: 'Islam out of Ashcombe'. The council did not authorise the protest.", REL),
    ("She told the committee that colleagues used to call her 'the pregnant one' instead of her name.", PREG),
    ("The minutes record that a member of the public called Cllr Goldberg 'a Zionist pig' during question time.", REL),
    "The review found that one caller had written 'die, you fat bitch' in a message to the office.",
    "Exhibit B is a screenshot of a post saying 'let's all ring her mobile till she cracks'.",
    ("Witness statement: 'He kept calling me a poofter and saying I'd be sorry.'", SO),
    ("The victim said the youths shouted 'mong' and 'retard' at her son in the play area.", DIS),
    ("A man was overheard saying older residents 'should just hurry up and die' in the library queue. He was asked to leave.", AGE),
    "The text message sent to Cllr Kaur read: 'Watch yourself on the way home.' It has been reported to the police.",
    "Officers recorded a caller saying 'shove your parking fine up your arse', then apologising a minute later.",
    ("The lyrics of the old music hall song include the word 'darkie', which is why the heritage group won't perform it.", RACE),
    "The Clerk has received an email with the subject line 'YOU USELESS TWATS' about the car park barrier.",
    ("The police log describes a man calling the women outside the refuge 'slags and breeders'.", SEX),
    "The judge quoted the defendant's post: 'someone should torch the town hall with the councillors inside'.",
    ("Her letter says she was told 'we don't let your sort in here' at the social club because she is Roma.", RACE),
    "Report to Council, item 6: Abuse of members. Examples include 'traitor', 'scumbag' and one message telling a member to 'go and hang yourself'.",
    ("At the meeting, a resident complained that a flyer had called the trans support group 'groomers'.", GR),
    "The parish magazine printed the headline 'Bloody Marvellous!' above the village hall reopening story.",
    "Standards complaint summary: it is alleged that the councillor sent a resident a message saying 'you're pathetic, get a life'.",
    ("The CPS charged a man who told the Sikh shopkeeper to 'take that rag off your head'.", REL),
    "Minute 31/24: a resident said the Christmas lights were 'shit this year' and asked about the budget. The Chair noted the comment.",
    ("The survey's free-text answers included 'too many old people on the council'; we have shared the full results.", AGE),
]

# clean / negation: the abusive idea is denied, rejected or disclaimed.
NEGATION_CLEAN = [
    "I'm not accusing anyone of anything; I just want to see the invoices for the Christmas lights.",
    "I would never call a member of staff names, however frustrated I get about the parking permits.",
    ("Nobody is suggesting the new families on Orchard Way are behind the litter problem.", RACE),
    ("None of us think the Traveller site will bring crime; our objection is about drainage and the access road.", RACE),
    ("I don't think for a second that being gay has anything to do with how Cllr Reid votes.", SO),
    ("Using a wheelchair doesn't make anyone less able to chair a committee, and I'm sorry if my earlier post suggested otherwise.", DIS),
    ("It's simply untrue that older councillors can't use email; half of them are quicker than me.", AGE),
    "I'm not going to resort to insults. The decision on the skate park was wrong, and here is why.",
    "Nobody should threaten councillors. If you are angry, come to the meeting and speak.",
    ("Not everyone who objects to the mosque car park is a racist, and not everyone who supports it is naive.", REL),
    "I wasn't threatening the clerk when I said I'd see her at the meeting. I meant I'd be there to ask my question.",
    "I'd never wish harm on Cllr Patel, even though I think the precept rise is indefensible.",
    ("Being pregnant has nothing to do with whether the deputy clerk can do the job.", PREG),
    ("There is nothing wrong with two women getting married in the town hall.", SO),
    ("Trans people are no danger to anyone at the leisure centre.", GR),
    "No one at the youth club is calling anyone names; the rumour on Facebook is false.",
    "The Mayor did not swear at the bin crew, whatever the Gazette says.",
    "I'm not saying Cllr Walsh is lazy. I'm saying the report is three months late.",
    ("We don't think Eastern European workers stole anyone's job; the factory closure cost those jobs.", RACE),
    ("Muslims aren't 'taking over' anything. They're opening a community centre in an old carpet shop.", REL),
    "My objection has nothing to do with who will live on the site and everything to do with flood risk.",
    ("This isn't about race, and anyone who makes it about race in the comments will be blocked.", RACE),
    ("Nobody is forcing anyone to go to the Pride picnic, and nobody is being 'indoctrinated' by a picnic.", SO),
    ("Before anyone says it: no, the new clerk did not get the job because she is a woman.", SEX),
    "I'm not having a go at the office staff. They're brilliant. It's the system that's broken.",
    "I never said the caretaker was thick; I said the instructions were unclear.",
    "He didn't threaten me, to be fair. He was upset and we talked it through.",
    "The police have confirmed that no threats were made at Tuesday's meeting.",
    "Nobody at the council has called Cllr Hughes a 'nonce', and we would like to correct that rumour.",
    "We are not banning swearing in the pub garden; the licence conditions are about noise after 11pm.",
    ("Disagreeing with the vicar isn't the same as hating Christians.", REL),
    ("Atheists aren't immoral and Christians aren't stupid. Can we get back to the bus timetable?", REL),
    ("I don't believe for one minute that women are worse with money; our RFO is the best we've had.", SEX),
    ("Old doesn't mean useless. Mr Evans has run the tool library for fifteen years.", AGE),
    "Nobody's calling for the skate park kids to be banned; we're asking for a bin and a light.",
    ("It is not true that disabled badge holders 'abuse' the parking bays on Sheep Street.", DIS),
    "I won't be emailing the councillors every day; one clear email should do it.",
    "We are not going to 'name and shame' the resident who complained. That would be wrong.",
    "Please don't share Cllr Thompson's home address, even if you're angry. It isn't fair on her family.",
    "Nobody in this group wants anyone hurt. We want a zebra crossing.",
    "I'm not being rude, but can someone actually answer my question about the allotment fees?",
    ("Not one person at the consultation said anything against the gurdwara extension.", REL),
    ("Being single, married or in a civil partnership makes no difference to your tenancy with us.", MAR),
    ("Married staff do not get priority on the summer leave rota, and neither do single staff.", MAR),
    ("The clerk isn't 'too young' for the role; she is qualified and she was the best candidate.", AGE),
    "Not threatening anyone, just letting you know I'll be at the hall at seven to hand the petition in.",
    "I won't call him names. I'll just vote against him.",
    "The officer was not rude to me at all, and I want to say so publicly after the thread yesterday.",
    "To be clear, Cllr Nowak never told anyone to 'shut up'. The Gazette has corrected its report.",
    "I am not trying to start a pile-on. Please don't message the Clerk about this; I've already raised it.",
    ("I have nothing against the Romanian families on Park Road and never said I did.", RACE),
    ("Nobody here believes Jewish people control anything. The post claiming that has been removed.", REL),
    ("It's nonsense that pregnant women 'can't be relied on'. Our deputy clerk ran the election while eight months pregnant.", PREG),
    ("No, the civil partnership didn't 'cost the taxpayer'; the couple paid the standard fee like everyone else.", MAR),
    ("Same-sex couples don't 'threaten' anyone's marriage. Congratulations to both of them.", SO),
    ("Being autistic isn't a reason to keep someone off the youth council.", DIS),
    ("I don't accept that trans staff should use separate toilets, and nor does our policy.", GR),
    "I haven't sworn at anyone and I don't intend to start. I just want the streetlight fixed.",
    "Nobody's going to turn up at the Mayor's house. The protest is at the town hall steps, 10am Saturday, peaceful.",
    "There was no abuse in the meeting, just a heated debate about the car park.",
    "We don't think the planning officer is corrupt. We think the process was rushed.",
    ("It isn't true that Sikh men can't wear hard hats; the contractor made an exemption.", REL),
    ("I'd never call anyone 'old' as an insult. I'm 74 myself and still on the allotment committee.", AGE),
    "I'm not wishing anything bad on the councillors; I'm wishing they'd read the petition.",
    "Nobody was 'attacked' at the market; two stallholders had a loud argument and shook hands after.",
    ("Women on the council are not there to 'make the tea', and I'm tired of that joke.", SEX),
    ("Men are perfectly capable of running the baby group, and two dads do on Thursdays.", SEX),
    "I won't be naming the officer online. I've put my complaint in writing through the proper route.",
    "Despite the rumours, no one has been banned from the public gallery for swearing.",
]

# clean / neutral_identity: ordinary or positive mentions of protected groups.
NEUTRAL_IDENTITY = [
    ("Eid al-Adha prayers will take place on the recreation ground from 7am; parking on Victoria Road will be suspended.", REL),
    ("The iftar at the community centre is open to everyone on Thursday evening. Bring a dish if you can.", REL),
    ("Vaisakhi procession: the gurdwara committee has asked for road closures on Mill Street from 11am.", REL),
    ("Diwali lamp-making workshop for children at the library, Saturday 2pm, free.", REL),
    ("The synagogue on Albert Road will be open for Heritage Open Days on 14 and 15 September.", REL),
    ("Passover greetings to our Jewish residents from the Mayor and all councillors.", REL),
    ("Harvest festival at St Peter's on Sunday, with produce donated to the food bank.", REL),
    ("The Quaker meeting house has offered its garden for the community orchard project.", REL),
    ("The Humanist celebrant for civic funerals can be booked through the cemetery office.", REL),
    ("Our Muslim burial section at Northfield cemetery has been extended following consultation with the mosque.", REL),
    ("The Hindu temple has invited councillors to the Navratri celebration next month.", REL),
    ("Holocaust Memorial Day service at the war memorial, 27 January at 11am.", REL),
    ("Christmas carol service in the market square on 20 December, with the Salvation Army band.", REL),
    ("The Pagan society has applied to use the Beacon for a solstice gathering; no objections were received.", REL),
    ("Ramadan Mubarak to everyone observing. The leisure centre will open late for the community football league.", REL),
    ("Pride in Ashcombe returns on 6 July, with stalls, music and a family area on the rec.", SO),
    ("The LGBTQ+ youth group meets at the youth club on Wednesdays from 6pm.", SO),
    ("Congratulations to Mark and Dev, the first same-sex couple to marry at the Guildhall.", SO),
    ("The rainbow crossing on Fore Street was repainted this week.", SO),
    ("Our gay history walk starts at the museum steps at 2pm on Saturday.", SO),
    ("The lesbian and bisexual women's book club has moved to the library's upstairs room.", SO),
    ("Cllr Reid and his husband will open the summer fete.", SO),
    ("Trans Day of Remembrance vigil at the bandstand, 20 November, 6pm. All welcome.", GR),
    ("The council's updated equality policy covers staff who are transitioning at work.", GR),
    ("Our leisure centre has gender-neutral changing cubicles as well as male and female changing rooms.", GR),
    ("The trans and non-binary support group has funding for another year, thanks to the community grant.", GR),
    ("Name change forms for council tax records can be sent to the office; no documents are needed for a change of title.", GR),
    ("A talk on trans history in the South West will be held at the library on 12 March.", GR),
    ("Wheelchair-accessible toilets are now open at the pavilion, with a Changing Places facility.", DIS),
    ("A hearing loop has been installed in the council chamber for public meetings.", DIS),
    ("Guide dogs are welcome in every council building, including the café.", DIS),
    ("Relaxed session at the swimming pool for autistic children and their families, Sundays 8am.", DIS),
    ("The dementia café meets at the Methodist hall on the first Tuesday of each month.", DIS),
    ("We need a British Sign Language interpreter for the budget meeting; please let the clerk know if you need one.", DIS),
    ("The blind and partially sighted residents' group has tested the new tactile paving on the high street.", DIS),
    ("Easy-read versions of the neighbourhood plan are available from the office.", DIS),
    ("Cllr Moss, who is deaf, has asked that speakers face the room when they talk.", DIS),
    ("The council is a Disability Confident employer and welcomes applicants who use wheelchairs.", DIS),
    ("Mental health first aid training for volunteers is free on 4 October.", DIS),
    ("Our learning disability arts group will exhibit at the town hall in May.", DIS),
    ("The lunch club for over-65s is looking for a new volunteer cook.", AGE),
    ("Happy 100th birthday to Mrs Doris Kemp, Ashcombe's oldest resident!", AGE),
    ("The youth council wants your views on the skate park lighting. Ages 11 to 18.", AGE),
    ("Digital help for older residents: free tablet sessions at the library every Friday.", AGE),
    ("Our oldest allotment holder, Mr Fielding, is 92 and still growing the best leeks in town.", AGE),
    ("The teenage apprentice in the parks team has passed her chainsaw certificate.", AGE),
    ("Free bus passes can be renewed at the office for residents of pensionable age.", AGE),
    ("Intergenerational project: pupils from Ashcombe Primary will visit residents at Beech House care home.", AGE),
    ("The toddler group for parents and carers meets in the small hall on Monday mornings.", PREG),
    ("The deputy clerk begins her maternity leave next week; please direct queries to the office.", PREG),
    ("Mums can feed their babies anywhere in our buildings; if you'd like privacy, ask at reception for the quiet room.", PREG),
    ("The antenatal class run by the midwives has moved to the community centre.", PREG),
    ("Congratulations to our events officer, who is expecting her second baby in the spring!", PREG),
    ("Baby changing facilities are now in both the men's and women's toilets at the pavilion.", PREG),
    ("The council offers shared parental leave on the same terms as maternity leave.", PREG),
    ("A pregnant member of staff has asked for a risk assessment; the clerk will arrange it this week.", PREG),
    ("The town hall is licensed for civil partnerships as well as weddings.", MAR),
    ("Civil partnership and wedding bookings for next summer are now open.", MAR),
    ("The Mayor conducted a civil partnership ceremony for two of our longest-serving volunteers.", MAR),
    ("Staff who marry or form a civil partnership should update their details with the office.", MAR),
    ("Fifty years married this week: the Ellises renewed their vows in the Guildhall, with the Mayor as a guest.", MAR),
    ("The register office is open on Saturdays for marriage and civil partnership notices.", MAR),
    ("International Women's Day breakfast at the town hall, 8 March. Speakers include our first woman RFO.", SEX),
    ("The women's walking netball team meets at the leisure centre on Tuesdays.", SEX),
    ("The men's shed has moved to the old depot and is welcoming new members.", SEX),
    ("Four of the seven new councillors elected in May are women.", SEX),
    ("Well done to the girls' under-13 cricket side, through to the regional finals at Taunton.", SEX),
    ("Dads' group: Saturday mornings in the family centre, with breakfast.", SEX),
    ("Windrush Day celebration in the park on 22 June, with Caribbean food and music.", RACE),
    ("The Polish community association will run a stall at the Christmas market.", RACE),
    ("Gypsy, Roma and Traveller families are invited to the consultation on the transit site.", RACE),
    ("The Traveller education liaison officer will attend the schools forum in October.", RACE),
    ("Black History Month: the museum is showing portraits of Black residents from 1900 to today.", RACE),
    ("Cllr Adeyemi, born in Lagos and raised on the Brookfield estate, has been elected Deputy Mayor.", RACE),
    ("The Bangladeshi women's sewing group has made the bunting for the summer fete.", RACE),
    ("Chinese New Year lanterns will hang across Bridge Street until mid-February.", RACE),
    ("The Irish Centre is hosting the St Patrick's Day ceilidh at the town hall.", RACE),
    ("Refugee Week: the library is showing films made by families who have settled in the town.", RACE),
    ("English classes for new arrivals run on Tuesday and Thursday mornings at the community centre.", RACE),
    ("The Nepali community's Dashain festival will take over the small hall on Saturday.", RACE),
    ("The Romanian church has asked to hire the hall for Orthodox Easter.", REL),
    ("Our Gypsy and Traveller site on Long Lane has had new utility blocks fitted.", RACE),
    ("The Caribbean lunch club is fundraising for a new minibus.", RACE),
    ("Ashcombe welcomes Ukrainian families; the hosts' support group meets on Fridays.", RACE),
    ("The town twinning visit to Łódź will include a wreath-laying at the Jewish cemetery.", REL),
    ("Cllr Begum will be fasting during Ramadan, so the committee has moved to 8pm.", REL),
    ("Mrs Okafor from the office has been elected chair of the African Caribbean Association.", RACE),
    ("The interfaith walk visits the church, the mosque, the gurdwara and the synagogue.", REL),
    ("Accessible parking bays outside the surgery have been widened for wheelchair users.", DIS),
    ("Sign language storytime for deaf children at the library, Saturdays 10:30.", DIS),
    ("We welcome the new Traveller liaison post shared with the district council.", RACE),
    ("Our first trans councillor, Cllr Harper, was sworn in tonight.", GR),
    ("The gay men's choir will sing at the Remembrance concert.", SO),
    ("Older people's forum: bring your questions about the bus timetable to the Guildhall on Friday.", AGE),
    ("A quiet room for prayer is now available at the town hall for staff of any faith or none.", REL),
    ("The Jewish Museum's touring exhibition is at the library until April.", REL),
    ("The Sikh community kitchen will serve free hot meals in the square on Sunday.", REL),
    ("Young carers' group: free trips over the summer holidays, ages 8 to 17.", AGE),
    ("The new mums' buggy walk leaves the park gates at 10am on Wednesdays.", PREG),
    ("Both candidates for the clerk's job were in their sixties, and the successful one starts in June.", AGE),
    ("We have produced the council tax leaflet in Polish, Romanian, Urdu and Bengali.", RACE),
    ("The wheelchair basketball club has booked the sports hall for a tournament.", DIS),
    ("The bisexual visibility day talk will be streamed from the library.", SO),
    ("Our parental leave policy applies equally to same-sex couples and adoptive parents.", SO),
    ("The allotment society has raised beds for members who use wheelchairs.", DIS),
    ("The Ahmadiyya community's peace conference will be held at the Guildhall.", REL),
    ("A pregnancy and baby loss remembrance service will be held at St Peter's in October.", PREG),
]

# clean / council_business: everyday posts and emails, rude-looking words that are not
# rude, robust criticism of decisions, and lawful "threats" (Ombudsman, elections).
COUNCIL_BUSINESS = [
    "Scunthorpe Town Council has agreed to share its grass-cutting contract with us next year.",
    "The twinning committee's coach trip to Penistone leaves the bus station at 8am.",
    "Cockermouth's flood warden will speak at our resilience evening.",
    "Our litter pickers cleared two tonnes of rubbish from the verges near Bitchfield.",
    "The Clerk has written to Twatt Community Council in Orkney about their remote meetings pilot.",
    "Crapstone village hall is hosting the district's parish forum this quarter.",
    "The walk to Brown Willy is part of the Cornwall weekend for the walking club.",
    "Road closure: Fanny Hands Lane will be closed for resurfacing from Monday.",
    "Bus route 12 now runs to Cockfosters on Sundays.",
    "The Cocktail evening at the Guildhall raised £640 for the Mayor's charity.",
    "Residents of Dickens Close have asked for a second grit bin.",
    "Sussex and Middlesex clubs have entered the cricket festival.",
    "The sexton at St Peter's has asked for the cemetery gates to be repaired.",
    "Pratt's Bottom parish clerk will share their experience of the precept referendum.",
    "The mountain bike club rides to Bell End on Sunday mornings.",
    "Slag Lane and Spanker Lane are both on the gritting route this winter.",
    "The new stopcock for the pavilion has been fitted by the plumber.",
    "The ballcock in the men's toilets at the cemetery is stuck again; a plumber is booked.",
    "The cockerel weathervane on the Guildhall clock tower has been regilded.",
    "Badminton club members: the shuttlecocks are in the cupboard by the stage.",
    "The panto this year is Dick Whittington, at the Guildhall from 12 December.",
    "Spotted dick and custard is on the menu at the over-60s lunch club on Thursday.",
    "Faggots, chips and peas will be served at the harvest supper.",
    "The allotment shop now sells hoes, rakes and onion sets.",
    "Nestbox survey: 14 of the 20 boxes on the nature trail have tits, robins or wrens in them.",
    "The brass door knockers on the almshouses have been polished for Heritage Open Days.",
    "Pussy willow is flowering along the river path; please don't cut the branches.",
    "Our new assessment of the bus shelters is available on the website.",
    "Please assess the classic car rally application before the end of the month.",
    "The bass player from the town band has offered to play at the fete.",
    "The shag pile carpet in the mayor's parlour is finally being replaced.",
    "The tree surgeon found a large gash in the trunk of the horse chestnut on the green.",
    "We bought a new set of screws for the benches; the old ones had rusted through.",
    "Lost property: a bag of tennis balls was left in the pavilion.",
    "Ho ho ho! Father Christmas will be in the grotto at the Guildhall from 2pm.",
    "The Dyke Road drainage ditch will be cleared by the Internal Drainage Board.",
    "The Fen dyke behind the allotments is overflowing; the IDB have been told.",
    "Flame-retardant spray has been applied to the stage curtains ahead of the panto.",
    "Cllr Hancock has apologised for missing the meeting.",
    "Mr Willy Thomas, our longest-serving verger, retires this month.",
    "The fire brigade will test the hydrants on Cumming Street on Tuesday.",
    "Sandy Balls holiday park has offered free passes for the raffle.",
    "Cock Robin Nursery has won the contract for the hanging baskets.",
    "The shiitake mushroom grower from the market has a stall at the food festival.",
    "The Arsenal supporters' coach leaves from the Fox and Hounds at 9.",
    "The cocker spaniel class at the dog show has been moved to 11am.",
    "Bloody good turnout for the litter pick this morning, thank you all!",
    "Bloody hell, what a storm. Fallen trees are being cleared on Ridge Road now.",
    "The Christmas lights switch-on was a smash hit, with over 2,000 people on the square.",
    "Break a leg to everyone in the Ashcombe Players' production tonight!",
    "We'll be firing up the barbecue at the volunteers' thank-you evening.",
    "Shoot the office an email if you'd like a copy of the tree survey.",
    "The Mayor will cut the ribbon at the new play area on Saturday.",
    "The contractor will blast the graffiti off the underpass walls on Monday.",
    "Fire drill at the town hall on Wednesday at 10am. Please leave by the nearest exit.",
    "The knife crime awareness talk for parents is at the secondary school on Thursday.",
    "The kill switch on the ride-on mower has been repaired.",
    "We are going to axe the parking charges on Sundays from April.",
    "Bat survey tonight at the old mill; meet at the car park at dusk.",
    "The Town team are gunning for promotion this season, so come and support them.",
    "Shotgun certificate renewals are handled by the police, not the council.",
    "Councillors will be knocking on doors in the West ward this weekend for the housing survey.",
    "The deadline for the allotment waiting list is killing me, but we'll get the letters out by Friday.",
    "The crime prevention officer will be at the market stall to talk about bike theft.",
    "The hanging baskets go up on the high street next Monday.",
    "Death notices for the cemetery are now published on the website.",
    "We will be cutting back the hedges on Church Lane during the week of 3 March.",
    "Beat the rush: allotment renewals open on Monday.",
    "I will be reporting this to the Local Government Ombudsman if I don't get a reply by Friday.",
    "We will vote every one of you out in May if the precept goes up again.",
    "I am making a formal complaint about the councillor under the code of conduct.",
    "I shall be writing to my MP about the state of the flood defences.",
    "You'll be hearing from our solicitor about the boundary fence.",
    "I'll be raising this at every single meeting until the streetlight is fixed.",
    "I'm going to be watching very closely how each of you votes on the car park sale.",
    "If the library closes, I'll stand against you at the next election myself.",
    "We have a petition of 1,400 names and we will present it at full council.",
    "I'll be at the public gallery on Tuesday and I will be asking about the toilets.",
    "I will be requesting the accounts under the Freedom of Information Act.",
    "If this isn't fixed by March we'll go to the press. Residents have waited long enough.",
    "This council has treated the allotment holders with contempt, and I say that as a member for twenty years.",
    "The handling of the skate park consultation was a shambles from start to finish.",
    "Frankly the precept rise is indefensible, and the reasons given at the meeting don't stand up.",
    "The Christmas lights were a let-down this year. What happened to the budget?",
    "Three weeks and still no reply from the office. This is not good enough.",
    "The planning committee ignored every single objection from residents. Shameful decision.",
    "This is the worst-run council in the county and the audit report proves it.",
    "The parking enforcement on Market Street is heavy-handed and is killing the shops.",
    "The new website is useless; I can't find the meeting papers anywhere.",
    "Another year, another precept rise and nothing to show for it. Disgraceful.",
    "The bins are a mess on Orchard Way again. Please sort it.",
    "Can someone explain why the public toilets are locked at 4pm in summer?",
    "The potholes on Harrow Lane are dangerous; my daughter came off her bike yesterday.",
    "When will the skate park lights be fixed? It has been two months.",
    "Please can the Town Clerk confirm the date of the next allotment committee meeting?",
    "Agenda item 7: request from the bowls club to extend their lease by ten years.",
    "Minutes of the meeting held on 4 March are approved as a correct record.",
    "Resolved: to accept the lowest tender for the war memorial repairs.",
    "Apologies were received from Cllr Walsh and Cllr Begum.",
    "The RFO presented the quarterly budget monitoring report. Members noted it.",
    "The precept for next year will rise by 2.9%, which is £3.12 a year for a Band D home.",
    "The Christmas lights contract has been awarded to Bright Sparks Ltd for three years.",
    "The skate park consultation closes on 31 May. Have your say on the website.",
    "Dog fouling on the rec has increased; extra bins have been ordered.",
    "Allotment rents will stay the same this year.",
    "The bus shelter on Church Street was hit by a lorry and will be replaced.",
    "The grass cutting schedule for the cemetery is on the noticeboard.",
    "The farmers' market moves to the second Saturday of the month from June.",
    "Thank you to Mrs Okafor from the office, who retires after 27 years. We'll miss you!",
    "The Town Clerk will be on leave from 5 to 16 August; the deputy clerk will cover.",
    "The Mayor's charity quiz raised £870 for the hospice. Thank you to everyone who came.",
    "Volunteers needed for the Christmas lights switch-on: stewards, first aiders and elves.",
    "The war memorial has been cleaned ahead of Remembrance Sunday.",
    "Street lights on Mill Road will be switched to LED over the next fortnight.",
    "We have been told the CCTV camera at the car park is not working; a contractor is booked.",
    "The community orchard will hold its first apple day on 12 October.",
    "Planning application 24/0331: two-storey extension at 14 Victoria Road. No objection.",
    "The neighbourhood plan referendum will be held on 7 November.",
    "The flood defences on the river meadow will be inspected by the Environment Agency.",
    "Speed bumps on School Lane will be installed during the half-term holiday.",
    "Dear Clerk, could you send me the minutes from the last planning committee? Many thanks, Jean.",
    "Dear Clerk, I'd like to book the small hall for my mum's 80th on 3 August. Kind regards, Alan.",
    "Hi, is the recycling centre open on bank holidays? Cheers.",
    "Really impressed with how quickly the pothole on Beech Road was filled. Thank you!",
    "Huge thanks to the parks team for the wildflower verges, they look amazing.",
    "Good luck to Cllr Thompson, who runs the London Marathon for the hospice on Sunday.",
    "Who do I contact about the overhanging tree on the footpath behind the library?",
    "Anyone know if the market is on this Saturday with the road works?",
    "The fireworks display was spectacular. Well done to the events team.",
    "The youth club needs a new pool table. Can anyone help?",
    "Please stop parking on the grass verges on Church Lane; it's damaging the drains.",
    "The cemetery gates will be locked at dusk from 1 November.",
    "The precept consultation had the highest response rate we've ever had: 612 replies.",
    "Cllr Patel has declared an interest in item 9 and will leave the room.",
    "It was agreed that the Clerk would write to the bus company about the cancelled services.",
    "A member of the public asked about the state of the toilets at the rec. The Clerk will investigate.",
    "The skate park is closed for repairs to the half-pipe until Friday.",
    "The Remembrance parade will assemble at the Guildhall at 10:15.",
    "Nominations for the Citizen of the Year award close on 30 January.",
    "The council will not be tolerating dog fouling on the sports pitches; fines of £100 will be issued.",
    "Honestly the state of the bins on Sheep Street is a disgrace, it's been like this for weeks.",
    "That was a damn fine brass band at the fete yesterday.",
    "The bloody roadworks on the bypass are finally finished!",
    "Crikey, the queue for the tip on Saturday was back to the roundabout.",
    "Cllr Dick Fanshawe will chair the allotments sub-committee.",
    "The Cockburn family have donated a bench in memory of their father.",
    "The village of Wetwang has invited us to their duck race.",
    "Tickets for the Moby-Dick reading marathon at the library are free.",
    "The Lickey End community group will be joining our litter pick.",
    "Butts Road car park will be resurfaced in the autumn.",
    "The Great Tosson walking route has been added to the footpaths leaflet.",
    "Raunds' Titty Ho footpath is featured in the county's walking guide, which is in the library.",
    "Please bring your own shovel and gloves for the hedge-laying day.",
    "We apologise for the cock-up with the bin calendar; a corrected version is online.",
    "The youth club trip was a proper laugh and the kids were a credit to the town.",
    "Mr Hoare from the bowls club has asked about the green-keeping contract.",
    "Gay Street and Pulteney Bridge are on the itinerary for the Bath trip.",
    "The Nob End nature reserve walk is cancelled because of flooding.",
    "The Ombudsman has upheld part of the complaint about the cemetery fees, and we will comply.",
    "If you are unhappy with our response you can escalate your complaint to the Ombudsman.",
    "We'll kick off the annual parish meeting with the Mayor's report.",
    "The cheeky chappies from the Scouts raised £300 washing cars.",
    "Cllr Begum asked for the consultation results to be broken down by ward.",
    "The brass plaque commemorating the hospital fire will be unveiled on Friday.",
    "Weed killer will be sprayed on the footpaths next week; keep dogs on leads.",
    "We're killing it with the recycling rates this year, up 8%.",
    "The council will be shooting a promotional video for the market on Saturday.",
    "Our Head of Paid Service is the Town Clerk; complaints about staff go to her.",
]

# insult / uk_insult: personal insults, UK style.
UK_INSULT = [
    "Cllr Ellis is an absolute pillock and always has been.",
    "You're a right plonker, Gary. The bins were due on Tuesday.",
    "Which muppet at the town hall decided to shut the toilets in August?",
    "The new chair of planning is a numpty of the first order.",
    "The Mayor is a smug tosser who has never done a day's graft.",
    "Oi @CllrFenwick, you absolute wanker, answer your emails.",
    "That bellend from the parks team left the gate open again.",
    "Cllr Moss, you knobhead, the consultation closed yesterday.",
    "What a prat the deputy clerk made of herself at the meeting.",
    "The Town Clerk is a silly twit who can't read a spreadsheet.",
    "Cllr Thompson is a miserable old git and always will be.",
    "The woman on reception is a stuck-up cow.",
    "The Deputy Mayor is a waste of space and a waste of an allowance.",
    "Our ward councillor is as thick as mince.",
    "The RFO is a useless div who couldn't add up the tea money.",
    "You are a total wazzock, Cllr Patel.",
    "Whoever signed off the dairy plans is a clueless berk.",
    "Cllr Nowak is a dipstick and a half.",
    "Every one of you on the finance committee is a halfwit.",
    "The events officer is a dozy nitwit who forgot to book the stage.",
    "That jobsworth of a market manager is a petty little Hitler.",
    "The caretaker is a bone-idle lump who sits in his van all day.",
    "Cllr Goldberg is a two-faced weasel.",
    "The clerk is a sour-faced old trout.",
    "Cllr Hughes is a slimeball who'd sell his own nan for a vote.",
    "The Mayor is a puffed-up little nobody with a chain round his neck.",
    "You're a gobshite, Cllr Walsh, and everyone in the Crown knows it.",
    "What an arsehole the new cemetery officer is.",
    "Cllr Begum is a shameless liar and a hypocrite.",
    "Wasters, the whole Guildhall crew, every last one.",
    "The leader of the council is a spineless wet lettuce.",
    "Cllr Adeyemi is a total melt.",
    "The bloke who runs the car park is a proper weapon.",
    "The parks officer is an absolute helmet.",
    "Cllr O'Connor is a plank, plain and simple.",
    "Whoever writes the council newsletter is a complete tool.",
    "The groundsman is a lazy scrote.",
    "Cllr Kaur is a nasty old bat.",
    "That councillor is a sleazebag and a snake.",
    "You're about as much use as a chocolate teapot, Mr Mayor.",
    "The planning officer is one sandwich short of a picnic.",
    "Lights on, nobody home: that's our ward councillor.",
    "The assistant clerk has a face like a smacked arse every time you go in.",
    "Shut your gob, Cllr Ellis, nobody asked you.",
    "Get stuffed, the lot of you.",
    "Sod off, councillor, and take your consultation with you.",
    "Wind your neck in, Sandra, you're only the receptionist.",
    "Jog on, Cllr Hughes, you pompous prat.",
    "Go and boil your head, Mr Fraser.",
    "The clerk is a power-mad old harridan.",
    "Our new Mayor: chinless wonder, no idea what he's doing.",
    "Cllr Walsh is a fat, lazy slob who eats his way through every buffet.",
    "Cllr Fenwick is a lying toerag.",
    "The man from the depot is a thieving little ratbag.",
    "Our MP and our councillors are all useless tossers.",
    "The woman who runs the allotment office is a right slapper.",
    "The deputy clerk is an ugly old hag.",
    "The Mayor is a nonce, everyone says so.",
    "Cllr Moss is a chav in a cheap suit.",
    "The planning committee are a bunch of dickheads.",
    "You're a knob, Cllr Ellis, and your motion is a joke.",
    "The events officer is a shithead for cancelling the fireworks.",
    "The Town Clerk is a scumbag who hides behind process.",
    "What a cretinous little man our ward councillor is.",
    "The groundsman is a mouth-breathing imbecile.",
    "Cllr Nowak, you gormless lump, read the papers before the meeting.",
    "Cllr Patel is a complete and utter bellend.",
    "Every councillor in this town is a self-serving pig at the trough.",
    "The chair of the allotment committee is a sanctimonious old windbag.",
    "The lad on the bins is a thick little oik.",
    "You lot in the office are clueless clowns, the whole pack of you.",
    "Cllr Thompson is a smarmy git with a permanent grin.",
    "The RFO is a bean-counting weasel.",
    "Listen here, you pathetic little jobsworth, I paid for that permit.",
    "Cllr O'Connor is a sad, bitter loser.",
    "The Deputy Mayor is a useless lump of lard.",
    "The deputy clerk is a stupid mare.",
    "Cllr Begum, you are a sly cow.",
    "The Mayor's wife is a snobby old cow.",
    "Mr Shaw in planning is a total bawbag.",
    "The clerk is a right numpty for sending the wrong agenda again.",
    "Cllr Kaur is a toxic witch and she knows it.",
    "Mr Fraser is a cockwomble.",
    "The idiots on the highways committee couldn't fix a puncture.",
    "With respect, councillor, you are a brainless pillock.",
    "The man on the front desk is an arrogant prick.",
    "The market manager is a tinpot dictator and a bully.",
]

# hate / uk_slur: slurs against protected groups, aimed at people or groups.
UK_SLUR = [
    ("Why has a paki got the contract for the Christmas lights?", RACE),
    ("Too many pakis on Cross Street now, it's like Karachi.", RACE),
    ("Cllr Begum is a paki and always will be.", RACE),
    ("Pikeys have been at the lead on the pavilion roof again.", RACE),
    ("Get the pikeys off the rec before they nick the goalposts.", RACE),
    ("The gyppos are back on Long Lane. Lock your sheds.", RACE),
    ("Some gypo has dumped a load of tarmac in the lay-by again.", RACE),
    ("That wog at the takeaway overcharged me again.", RACE),
    ("Another nig-nog moving into Orchard Way, great.", RACE),
    ("Cllr Adeyemi is a coon and shouldn't be anywhere near the Mayor's chain.", RACE),
    ("The darkie who runs the car wash should be deported.", RACE),
    ("The new family at number 12 are niggers and everyone on the street knows it.", RACE),
    ("Some chink has opened a shop where the butcher's used to be.", RACE),
    ("The chinkies on Bridge Street are selling dog in the curry.", RACE),
    ("Don't let the Polacks on the allotment committee, they'll take every plot.", RACE),
    ("Bloody Krauts at the twinning dinner, should have let them walk home.", RACE),
    ("The Irish tinkers on the verge are a bunch of thieving paddies.", RACE),
    ("Mrs Okafor is a jungle monkey and she stinks out the office.", RACE),
    ("Sambo in the planning office should go back to the jungle.", RACE),
    ("Half-caste kids from the estate keep tagging the bus shelter.", RACE),
    ("Cllr Nowak is a Polack whore.", RACE),
    ("The dagos running the café are ripping everyone off.", RACE),
    ("Kill the Yids, they run the district council.", REL),
    ("Cllr Goldberg is a money-grubbing kike.", REL),
    ("Another yid on the finance committee, what a surprise.", REL),
    ("The ragheads at the gurdwara have blocked the road again.", REL),
    ("Towelheads out of Ashcombe.", REL),
    ("Cllr Kaur's husband is a raghead who can't speak English.", REL),
    ("The muzzies are praying in the park again.", REL),
    ("Bloody Fenian scum have taken over the Catholic club.", REL),
    ("The taigs at St Mary's should go back over the water.", REL),
    ("Cllr Begum is a Taliban-loving mozzer.", REL),
    ("The clerk is a spastic who can't use a photocopier.", DIS),
    ("The spaz in the mobility scooter blocked the whole pavement.", DIS),
    ("Only a mong would vote for this budget.", DIS),
    ("The parks team are a bunch of retards.", DIS),
    ("The deputy clerk is a window-licker.", DIS),
    ("Look at the cripple trying to get into the council chamber.", DIS),
    ("That flid on the bus should have stayed at home.", DIS),
    ("The lad on reception is a total spacker.", DIS),
    ("Cllr Moss is deaf and dumb and a complete retard.", DIS),
    ("Loonies from the day centre should be locked up, not wandering the market.", DIS),
    ("Cllr Reid is a faggot and so is his so-called husband.", SO),
    ("Bloody poofs holding hands on the high street again.", SO),
    ("That new bloke in planning is a poofter.", SO),
    ("The youth worker is a batty boy, keep your kids away.", SO),
    ("Lesbo Cllr Harper should stick to her own kind.", SO),
    ("The woman who runs the library is a carpet muncher.", SO),
    ("Cllr Walsh is a shirt-lifter, everyone knows.", SO),
    ("The mayor's assistant is a bum boy.", SO),
    ("Fudge packers on the council, no wonder the town is going down the pan.", SO),
    ("That bender from the parks team keeps looking at the lads.", SO),
    ("No homos at the bowls club, thank you.", SO),
    ("The dykes from the football team have taken over the pavilion.", SO),
    ("Cllr Harper is a tranny and everybody knows it.", GR),
    ("Some shemale is working in the leisure centre now.", GR),
    ("The new clerk is a troon in a wig.", GR),
    ("It in the tight dress should be banned from the ladies' toilets.", GR),
    ("Ladyboys working at the council, what's the world coming to.", GR),
    ("Cllr Harper is a bloke in a dress and always will be.", GR),
    ("The coffin dodgers on the planning committee blocked the skate park.", AGE),
    ("Wrinklies like Cllr Ellis should be in a home, not on the council.", AGE),
    ("The old codgers at the bowls club are a bunch of senile fossils.", AGE),
    ("Useless old biddies clogging up the post office every morning.", AGE),
    ("Women on the council are all dumb bitches and feminazis.", SEX),
    ("Female councillors are hysterical tarts, the lot of them.", SEX),
    ("Those breeders on the estate pop out a kid a year for the benefits.", PREG),
    ("Pregnant cows should stay at home, not waddle round the office.", PREG),
]

# hate / derogation: hateful generalisations without slurs.
DEROGATION = [
    ("Travellers should be banned from every pub in Ashcombe.", RACE),
    ("Roma families steal anything that isn't nailed down.", RACE),
    ("Polish workers are why nobody local can get a job at the factory.", RACE),
    ("Black lads are always the ones causing trouble at the skate park.", RACE),
    ("Asians only look after their own, that's why the high street is dying.", RACE),
    ("Immigrants should be at the back of the queue for council houses, every time.", RACE),
    ("Nigerians are all scammers, don't trust anything Cllr Adeyemi says.", RACE),
    ("Chinese people bring disease, shut their restaurants.", RACE),
    ("Romanians are all pickpockets, watch your bags at the market.", RACE),
    ("Asylum seekers are all rapists, lock them up.", RACE),
    ("Irish Travellers are liars and cheats, always have been.", RACE),
    ("Foreigners shouldn't be allowed to stand for the town council.", RACE),
    ("Mixed-race couples are ruining the town.", RACE),
    ("Bangladeshis stink of curry and so do their houses.", RACE),
    ("White British people should get the allotments first, not foreigners.", RACE),
    ("Albanians are all drug dealers, every single one.", RACE),
    ("Muslims are all terrorists in waiting.", REL),
    ("Islam is a death cult and the mosque should never have been allowed.", REL),
    ("Jews only care about money, that's why Cllr Goldberg wants the finance job.", REL),
    ("Sikhs can't be trusted near children, keep them out of the youth club.", REL),
    ("Hindus worship cows and can't be reasoned with.", REL),
    ("Catholics are all paedos and their priests should be locked up.", REL),
    ("Muslim men are all groomers, the police know it.", REL),
    ("No Muslim should ever be Mayor of an English town.", REL),
    ("Jews killed Christ and they still run everything.", REL),
    ("Christians are brainwashed idiots who shouldn't be allowed near schools.", REL),
    ("Muslim women in burkas are a security risk and should be banned from the town hall.", REL),
    ("Jewish landlords are bleeding this town dry.", REL),
    ("Disabled people shouldn't be given council jobs, they're always off sick.", DIS),
    ("Wheelchair users slow everyone down, keep them off the high street on market day.", DIS),
    ("People with learning disabilities shouldn't be allowed to vote.", DIS),
    ("Autistic kids are just badly behaved brats with an excuse.", DIS),
    ("Mentally ill people should be locked up, not living next to families.", DIS),
    ("Deaf people are thick, that's why they can't follow the meetings.", DIS),
    ("Blue badge holders are all faking it.", DIS),
    ("Disabled people are a burden and we shouldn't waste the precept on ramps for them.", DIS),
    ("Blind people shouldn't be allowed on the parish council, how can they read the plans?", DIS),
    ("Anyone on disability benefits is a scrounger.", DIS),
    ("Gay people shouldn't be allowed to work with children.", SO),
    ("Homosexuality is a sickness and the Pride picnic is spreading it.", SO),
    ("Lesbians hate men, that's why the clerk never listens to us.", SO),
    ("Same-sex couples shouldn't be allowed to adopt, it's child abuse.", SO),
    ("Gay men are all perverts and the council shouldn't fund their choir.", SO),
    ("Bisexuals are greedy and can't be trusted.", SO),
    ("Gays are sinners and they'll burn in hell, starting with Cllr Reid.", SO),
    ("Two men kissing in the square is disgusting, they should be arrested.", SO),
    ("Being gay is unnatural and shouldn't be taught about at the youth club.", SO),
    ("Trans women are men and should be thrown out of the ladies' changing rooms.", GR),
    ("Trans people are perverts who want access to children.", GR),
    ("Transgender staff shouldn't be allowed to deal with the public.", GR),
    ("Trans people are deluded and the council shouldn't pander to their fantasies.", GR),
    ("Trans men are just confused lesbians who need sorting out.", GR),
    ("Non-binary is made-up rubbish and the staff member claiming it should be sacked.", GR),
    ("Trans people are all groomers, keep them away from the library story time.", GR),
    ("Women are too stupid to understand a budget.", SEX),
    ("Women should stay at home and leave council business to men.", SEX),
    ("A woman clerk will never be respected, they all go to pieces under pressure.", SEX),
    ("Female officers only get promoted by sleeping with the boss.", SEX),
    ("Men are all pigs and none of them should be trusted with the Scouts.", SEX),
    ("Women drivers are the reason the roundabout is so dangerous.", SEX),
    ("Girls shouldn't be allowed on the cricket team, it's a man's game.", SEX),
    ("All men are potential rapists and none of them should be councillors.", SEX),
    ("Old people should lose the vote, they've had their turn.", AGE),
    ("Anyone over 70 is senile and shouldn't be making decisions for this town.", AGE),
    ("Teenagers are all thugs, ban them from the town centre after 6pm.", AGE),
    ("Young people are lazy, entitled snowflakes who contribute nothing.", AGE),
    ("Pensioners are selfish dinosaurs who stole our future.", AGE),
    ("Older staff are slow and useless, get rid of them and hire young ones.", AGE),
    ("The over-60s lunch club is a waste of money on people who'll be dead soon.", AGE),
    ("Boomers are a drain on everything and should stop voting.", AGE),
    ("Pregnant women are lazy and shouldn't be hired by the council.", PREG),
    ("Women on maternity leave are skiving on the taxpayer.", PREG),
    ("Breastfeeding in public is disgusting, those women should be thrown out of the café.", PREG),
    ("Never hire a woman of childbearing age, she'll only get pregnant and leave you in the lurch.", PREG),
    ("New mums are useless at work, their brains turn to mush.", PREG),
    ("Pregnant staff are just after a year off on full pay.", PREG),
    ("Married women shouldn't be allowed to work for the council, they should be looking after their husbands.", MAR),
    ("Civil partnerships are a joke and shouldn't be allowed in our town hall.", MAR),
    ("Couples in civil partnerships aren't real families and shouldn't get family tickets at the pool.", MAR),
    ("Married staff shouldn't get any special treatment, they're all lazy and take the piss.", MAR),
    ("Never trust a married woman in the office, she'll put her husband first every time.", MAR),
    ("Civil partners are second-class couples and the register office shouldn't waste time on them.", MAR),
    ("The clerk's a married woman, she should be home cooking his tea, not running a council.", MAR),
    ("A civil partnership isn't a real marriage, so Cllr Reid's partner shouldn't be at the civic dinner.", MAR),
    ("Married women are boring nags and shouldn't be on the events committee.", MAR),
    ("Sack the married ones first when the cuts come; they've got a husband to keep them.", MAR),
]

# hate / dehumanisation: people described as animals, disease, dirt or non-human.
DEHUMANISATION = [
    ("The Travellers on Long Lane are vermin and should be gassed out like rats.", RACE),
    ("Asylum seekers in the hotel are a disease infecting the whole town.", RACE),
    ("Immigrants swarm over this country like locusts.", RACE),
    ("The Roma on Park Road breed like rabbits and live like pigs.", RACE),
    ("Those Somalis are apes, not people.", RACE),
    ("The Polish lot in the HMO are a cancer on the street.", RACE),
    ("Pakistanis are a plague, spreading through every town in the north.", RACE),
    ("Black people are closer to animals than humans.", RACE),
    ("Gypsies are subhuman filth.", RACE),
    ("Foreigners are ticks latched onto the NHS, bloated on our money.", RACE),
    ("Refugees are a horde of savages at the gates.", RACE),
    ("The Eastern Europeans are like cockroaches, you can never get rid of them.", RACE),
    ("Muslims are a virus and the mosque is where it spreads.", REL),
    ("Jews are bloodsucking leeches.", REL),
    ("The Muslims at the community centre are a nest of snakes.", REL),
    ("Sikhs are an infestation on Cross Street.", REL),
    ("Muslims multiply like vermin and soon there'll be no English left.", REL),
    ("Jews are rats and always will be.", REL),
    ("Disabled people are vegetables and should be put down.", DIS),
    ("The residents of the care home are cabbages wasting space.", DIS),
    ("People like the lad in the wheelchair are defective, they shouldn't have been born.", DIS),
    ("People with mental illnesses are wild beasts; lock the day-centre doors and throw away the key.", DIS),
    ("Autistic kids are little animals and should be kept in a pen.", DIS),
    ("Gays are animals, worse than dogs.", SO),
    ("Homosexuals are a plague on society and a disease to be cured.", SO),
    ("Lesbians are filthy creatures.", SO),
    ("Gay men are vermin spreading their sickness.", SO),
    ("The Pride crowd are a pack of degenerate animals.", SO),
    ("Trans people are abominations, not human beings.", GR),
    ("Trannies are diseased freaks of nature.", GR),
    ("Trans women are monsters in dresses.", GR),
    ("Trans people are a contagion spreading through our schools.", GR),
    ("Women are just walking wombs.", SEX),
    ("Women are dogs that need a leash.", SEX),
    ("Men are animals, every one of them, beasts that should be chained.", SEX),
    ("Old people are rotting flesh waiting to be binned.", AGE),
    ("Pensioners are leeches on the young, a plague of grey locusts.", AGE),
    ("The kids from the estate are vermin, spray them like wasps.", AGE),
    ("Teenagers are feral dogs and should be put down.", AGE),
    ("Pregnant women are just cattle, fat cows waiting to drop.", PREG),
    ("Single mothers on the estate are breeding stock, like sows in a pen.", PREG),
    ("Married women are livestock owned by their husbands.", MAR),
    ("People in civil partnerships are unnatural creatures and not real couples.", MAR),
]

# threat / threat_councillor: direct, veiled and conditional threats to members.
THREAT_COUNCILLOR = [
    "Cllr Hughes, I know where you live and I know when you're home alone.",
    "After that vote, Cllr Patel, you've got it coming. All of it.",
    "Watch your back, Mayor. People round here have long memories.",
    "Someone should torch Cllr Fenwick's car while he's at the meeting.",
    "Full council finishes at nine. I'll be by your car. Come out alone, councillor.",
    "Keep it up, Cllr Moss, and you'll regret it for the rest of your short life.",
    "Vote for the incinerator and your house goes up in flames.",
    "If the library closes, Cllr Walsh won't be walking anywhere for a while.",
    "I'm going to find Cllr Thompson and beat her senseless.",
    "The councillors who voted for the car park sale should be hanged on the green.",
    "Cllr Begum's office windows are going in tonight.",
    "We'll see how brave Cllr Nowak is when it's just her and us on a dark night.",
    "Cllr Ellis needs a baseball bat to the kneecaps.",
    "I'll stab the next councillor who comes canvassing round here.",
    "That Mayor will be in a box before Christmas if he keeps this up.",
    "Tell Cllr Kaur her kids walk home past my house every day.",
    "If I see Cllr O'Connor at the fete I'll knock him out cold.",
    "Cllr Goldberg should have his throat cut.",
    "Every councillor who voted yes deserves a bullet in the head.",
    "I've got petrol and I've got matches. Your move, Cllr Adeyemi.",
    "One more precept rise and I'm coming for you, councillors, one by one.",
    "Cllr Hughes, be careful on those country lanes. Brakes fail all the time.",
    "Wouldn't it be a shame if the Deputy Mayor's dog went missing.",
    "I hope Cllr Patel gets cancer and dies slowly.",
    "The chair of planning is getting a brick through his window tonight, mark my words.",
    "Our ward councillor will be dragged out of his house if the estate is knocked down.",
    "We know which school your grandchildren go to, Mr Mayor.",
    "Somebody should run Cllr Fenwick over, and I've got a van.",
    "I'm going to batter the leader of the council next time I see him in Tesco.",
    "Cllr Moss, sleep with one eye open.",
    "Vote against the skate park and we'll burn your shop down, Cllr Ellis.",
    "You're a dead man, Cllr Walsh.",
    "Keep going with the parking scheme and see what happens to your car, councillor.",
    "Cllr Thompson won't make it to the next election if I have anything to do with it.",
    "I'll break every bone in Cllr O'Connor's body.",
    "Councillors who support the Traveller site will be hunted down.",
    "I'm bringing a knife to the next public meeting. Let's see who votes for it then.",
    "Cllr Kaur should be shot for treason.",
    "I'll smash Cllr Nowak's teeth in if she comes to my door again.",
    "The whole council should be lined up against a wall.",
    "Pray the Mayor's house is insured, because I'm paying it a visit tonight.",
    "Next councillor to knock on my door gets a shotgun in the face.",
    "Keep your mouth shut at the meeting, Cllr Begum, or we'll shut it for you.",
    "I'll put Cllr Goldberg in hospital, see if I don't.",
    "If the precept goes up, the councillors' cars will be on bricks by morning.",
    "You won't see the end of your term, Cllr Hughes.",
    "We'll be outside your house tonight, councillor. All of us.",
    "Some people deserve to be hurt, and Cllr Adeyemi is top of my list.",
    "Vote yes on Thursday and you'll be sorry, Cllr Patel. Very sorry.",
    "I've got a length of rope with the Mayor's name on it.",
]

# threat / threat_staff: threats to officers and employees.
THREAT_STAFF = [
    "I know what car the Town Clerk drives and where she parks it.",
    "Tell the woman on reception to watch herself on the way home.",
    "If that parking warden tickets me again I'll put him in hospital.",
    "The caretaker is going to get a kicking if the hall is locked again.",
    "I'll be waiting outside the office at five for the deputy clerk.",
    "Someone should set fire to the planning officer's house.",
    "I'm going to punch the RFO's lights out.",
    "If my permit isn't renewed, the clerk will regret the day she was born.",
    "Give me the name of the officer who refused my application. I'll deal with him myself.",
    "Mrs Okafor from the office wants to be careful, I know where she lives.",
    "Next time the bin men skip my house I'm taking a hammer to their lorry, with them in it.",
    "The groundsman will be in a ditch if he cuts my hedge again.",
    "I'll slit the throat of the next jobsworth who fines me.",
    "The market manager's van is going up in flames tonight.",
    "Tell the parks officer I'm coming for him.",
    "The Clerk's days are numbered. Literally.",
    "If I'm refused again I'll come in with a can of petrol.",
    "Watch yourself, Sandra. You won't always have a desk between us.",
    "The events officer wants a slap and she's going to get one off me.",
    "Someone's going to get hurt at that office, and it won't be me.",
    "I'll wring the neck of whoever moved my allotment shed.",
    "You lot in the office had better lock the doors on Friday.",
    "The enforcement officer will be found in the river.",
    "I'll cave the cemetery officer's head in if my dad's plot is moved.",
    "The assistant clerk should be shot for losing my form.",
    "Gary from the depot is going to have an accident if the path isn't gritted.",
    "Let the Town Clerk know I've got a long memory and a short temper.",
    "I hope someone throws acid in the planning officer's face.",
    "Tell the receptionist I'll follow her home one of these days.",
    "I'll be at the depot gates with a crowbar on Monday morning.",
    "If the lad on the bins drops my wheelie bin in the road again I'll run him over.",
    "The clerk will get what she deserves, and soon.",
    "Cancel my pitch at the market and I'll burn your stall, and you with it.",
    "One of your officers is going to get glassed if this carries on.",
    "I'll snap the warden's neck like a twig.",
    "I've been watching the office and I know who leaves last.",
    "Tell the cemetery officer his family will need a plot of their own soon.",
    "I'm not going to tell you again. Next time I come to the office, I'm not coming to talk.",
    "The planning officer had better have a good alarm system.",
    "The deputy clerk has a nice little house. It'd be a shame if it burned down.",
    "You'll be sorry, Mrs Okafor. I know your routine.",
    "I will bury the RFO in the allotment she refused me.",
    "I'm going to smash the receptionist's face into her keyboard.",
    "The bailiffs you sent will leave in an ambulance if they come back.",
    "The whole office deserves a bomb through the letterbox.",
]

# harassment / harassment: pile-ons, repeated contact, doxxing, hounding.
HARASSMENT = [
    "Let's all flood the clerk's personal inbox until she begs to quit.",
    "Everyone message Cllr Moss on Facebook, every hour, day and night, until he resigns.",
    "Here's Cllr Fenwick's mobile number. You know what to do.",
    "Post the Mayor's home address in the comments so we can all pay him a visit.",
    "Let's all turn up at the deputy clerk's house and tell her what we think.",
    "Keep ringing the office until they take the phone off the hook, every day, all day.",
    "Somebody find out where the planning officer lives and share it on here.",
    "Tag Cllr Patel in every single post until she can't open her phone.",
    "I've found the clerk's daughter's Instagram. Shall we leave a few comments?",
    "Everyone report Cllr Nowak's account until it gets banned.",
    "Follow the parks officer round the market and film him. Post it all here.",
    "Make Cllr Thompson's life a misery until she stands down.",
    "Right, everyone email the RFO's work and personal addresses. Both, every day.",
    "I've sent the clerk 60 emails this week and I'll send 60 more next week.",
    "Ring Cllr Ellis's wife at work. Let her know what kind of man she's married to.",
    "Sign the Mayor up to every dating site and mailing list going.",
    "Write Cllr Begum's number on the toilet walls in the Crown.",
    "Everyone leave one-star reviews on Cllr O'Connor's business until it closes.",
    "Let's hound the events officer out of town. She doesn't belong here.",
    "Keep knocking on Cllr Walsh's door until he answers, however late it is.",
    "Don't let the clerk have a moment's peace. Every meeting, every email, every day.",
    "I'll stand outside the Town Clerk's house every morning until she quits.",
    "Screenshot everything Cllr Kaur has ever posted and spread it round the school gates.",
    "Everyone send the caretaker a message on WhatsApp. I'll share his number.",
    "Create fake accounts and keep commenting on the Mayor's page.",
    "I know which gym the deputy clerk goes to. Let's all join and make her feel welcome.",
    "Leave a note on the planning officer's car every day. Let him know we're watching.",
    "Nobody talk to Mrs Okafor at the school gate. Freeze her out till she leaves the office.",
    "Share this photo of Cllr Goldberg's house far and wide.",
    "Everyone ring Cllr Adeyemi at 3am. He wants to hear from residents? Let him hear.",
    "Let's make the clerk famous. Her photo, her name and her car reg, on every group in town.",
    "Bombard the Mayor's family with messages until he resigns.",
    "Don't stop. One email from each of you every hour until the RFO breaks.",
    "Someone post where Cllr Hughes's son works. Let's see how he likes it.",
    "Ring the office 50 times a day until they listen. Swamp them.",
    "Track down the woman on reception on Facebook and message her friends about her.",
    "I'm going to keep sending the clerk photos of the potholes until she has a breakdown.",
    "Everyone wait outside the council offices tonight and follow the staff to their cars.",
    "Find the groundsman's wife on Facebook and tell her what he's really like.",
    "Cllr Thompson has blocked me, so I've made another account, and another, and another.",
    "Go on everyone, pile on. Cllr Moss needs to feel it.",
    "Let's set up a page just for mocking the deputy clerk. Photos welcome.",
    "Keep her on the phone as long as possible, every time, until she gives up the job.",
    "Send the events officer a dead rose every week. She'll get the message.",
    "Everybody go to Cllr Patel's surgery and don't leave until she cries.",
    "I've called the office 200 times this month and I'm not stopping.",
    "If we all message the clerk at once, her phone will crash. Let's do it at 9pm tonight.",
    "Pin his home address to the top of the group. Everyone needs to know where Cllr Ellis lives.",
    "Everyone turn up at the Mayor's daughter's wedding and make a scene.",
    "Let's dig up everything we can on the planning officer's private life and post it.",
    "Photograph Cllr Nowak every time she goes shopping and post it here.",
    "Send her nasty birthday cards at home. All of us. Every year.",
]

# sexual / sexual: sexual remarks aimed at people, requests for images.
SEXUAL = [
    "Cllr Thompson has a cracking pair of tits on her, shame about her politics.",
    "Send us a pic of what's under that Mayor's robe, love.",
    "The new girl on reception can take my particulars any time, if you know what I mean.",
    "I'd bend the deputy clerk over the council table and show her a proper motion.",
    "Any nudes of Cllr Begum going round? Asking for the whole ward.",
    "Cllr Patel's arse in those trousers is the only reason I watch the livestream.",
    "The clerk needs a good seeing-to, that'd sort her attitude out.",
    "Hey Sandra, what colour knickers have you got on today?",
    "Sexy Cllr Nowak, fancy a private meeting in my van?",
    "I'd give the events officer one, no question.",
    "Bet the Mayoress goes like a train.",
    "Show us your tits, Madam Mayor.",
    "Cllr Kaur's lips would look better round my cock.",
    "The groundsman has got a nice package. I'd let him trim my bush.",
    "Can the receptionist send me a picture of her feet? And then the rest.",
    "Cllr Harper, I want to lick you all over.",
    "I wank over the council newsletter photo of the deputy clerk every night.",
    "Cllr Walsh is a total MILF. Would.",
    "Dear Clerk, I'd like to lodge a complaint: your skirt isn't short enough. Send photos.",
    "Mrs Okafor from the office, fancy coming back to mine for a shag?",
    "The assistant clerk looks like she'd be dirty in bed.",
    "Got any videos of the Mayor in the shower? I'd pay.",
    "Cllr Ellis can come and inspect my bedroom whenever he likes.",
    "Sit on my face, Cllr Moss.",
    "Great legs on the planning officer. Wonder where they lead.",
    "Hey gorgeous, send nudes and I'll drop my objection.",
    "The barmaid at the civic dinner was gagging for it.",
    "I'll sign the petition if the clerk gets her kit off.",
    "Cllr Adeyemi's got a body I'd like to get my hands on.",
    "The events officer's top is so tight you can see her nipples. Not complaining.",
    "I want to see the deputy clerk naked on the council table.",
    "Whip it out, councillor, let's see what you're hiding.",
    "That woman on reception has DSLs, I'd let her suck me off.",
    "Cllr O'Connor's got a face for radio and a body for porn.",
    "The new cemetery officer is fit as fuck, I'd smash her back doors in.",
    "Be honest, Cllr Thompson, do you do anal? Just curious.",
    "Tell the Town Clerk I dream about her in stockings and suspenders.",
    "Which councillor gives the best blowjobs? Asking for a friend.",
    "Get the market manager's boobs out for the Christmas lights switch-on.",
    "Fancy a quickie behind the bandstand, Cllr Nowak?",
    "I'll show you my precept if you show me yours, darling. Send pics.",
    "Cllr Goldberg, you look like you need a good rogering.",
    "The deputy mayor's wife would get it. Twice.",
    "Can someone get me the receptionist's number? I want to sext her.",
    "Mmm, the parks officer in his shorts. I'd climb him like a tree.",
    "The clerk's blouse was unbuttoned in the meeting, and I couldn't stop staring at her chest.",
    "Hope the Mayor is wearing nothing under that chain.",
    "Come and sit on my lap and take the minutes, sweetheart.",
]

# profanity / profanity: swearing not aimed at a person.
PROFANITY = [
    "This fucking pothole on Harrow Lane has burst two of my tyres.",
    "What a shitshow the parking on market day is.",
    "The bins are overflowing again. Absolute fucking joke.",
    "Holy shit, the new play area is brilliant! Well done everyone.",
    "Fuck me, the precept has gone up again.",
    "Another shit summer for the hanging baskets.",
    "The Christmas lights are bollocks this year, half of them don't even work.",
    "Pissing it down for the fete again. Bloody typical.",
    "Who the fuck thought a one-way system round the Co-op was a good idea?",
    "The skate park is a shithole since the lights went.",
    "Jesus Christ, the state of the toilets on the rec. Fucking rank.",
    "Fuck's sake, the bus is cancelled again.",
    "The new car park charges are total bullshit.",
    "My bin hasn't been emptied in a fortnight and it stinks like shit.",
    "The flooding on Brook Street is a fucking disaster for the shops.",
    "Shit, I missed the consultation deadline.",
    "Bollocks, I left my allotment key in the shed again.",
    "The roadworks on the bypass are a pain in the arse.",
    "Pissed off with the state of the footpaths round here.",
    "The weather for the carnival was shite but the crowd was great.",
    "This bastard printer in the library keeps jamming.",
    "The wifi in the town hall is fucking useless.",
    "Fucking brilliant fireworks tonight, cheers to whoever organised them.",
    "Holy fuck, the queue at the tip goes back to the roundabout.",
    "Oh for fuck's sake, another hole in the road on Sheep Street.",
    "It's been a shit year for the town centre, no two ways about it.",
    "The planning portal is a piece of crap and crashes every time.",
    "That fucking seagull had my chips on the front again.",
    "Damn it all to hell, the market's cancelled because of the wind.",
    "Christ on a bike, the parking fines are steep round here.",
    "The floods have fucked the allotments for another year.",
    "Crap turnout at the AGM, sadly.",
    "The pavements on Orchard Way are shit, proper trip hazard.",
    "Fucking hell, the bonfire was massive this year.",
    "The new roundabout is a dog's dinner and a total cock-up, frankly a clusterfuck.",
    "The library opening hours are shite now, I can never get in.",
    "Arse, the grit bin's empty again on the hill.",
    "Shitting hell, has anyone seen the price of a parking permit?",
    "Another bloody fucking survey from the district council.",
    "This heat is fucking unbearable, can we open the paddling pool?",
    "Cheers for sorting the streetlight, it's been pitch fucking black for weeks.",
    "The football pitch is a mud bath. Shit conditions all round.",
    "Piss-poor bus service again this morning.",
    "Fucking finally, the bridge is open again!",
    "This sodding rain is never going to stop.",
    "The Christmas market was rammed, and the mulled wine was shit hot.",
    "The state of the verges is a right fucking mess.",
    "Tits up again, the ticket machine has eaten my money.",
    "The whole flood plan went arse over tit when the river rose.",
    "What the actual fuck is going on with the recycling collection?",
    "Car park barrier's knackered again. Fuck this.",
    "I'm so fucking proud of our litter pickers, two tonnes this year!",
    "Bugger, I forgot the quiz is tonight.",
    "Shite, my allotment's flooded again.",
    "The new signs on the bypass are bollocks, they point the wrong way.",
    "These fucking roadworks have been here since March.",
    "That storm was a bastard, three trees down on the green.",
]

# abusive rows in the negation group: the disclaimer does not cancel the abuse.
NEGATION_ABUSIVE = [
    ("I'm not being funny, but Gypsies should be kept off every field in the parish.", "hate", RACE),
    ("Don't get me wrong, I've nothing against gays, but they shouldn't run the youth club.", "hate", SO),
    ("I'm not sexist, but a woman chairing finance is asking for trouble.", "hate", SEX),
    ("I'm not one for violence, but if I see Cllr Patel in the Crown she's getting a smack.", "threat", None),
    ("Not saying anything, but the clerk's car would look better with four flat tyres and a smashed windscreen.", "threat", None),
    ("I won't call the RFO a tosser in public. In private, though: massive tosser.", "insult", None),
    ("I'm no racist, but I don't want a Muslim mayor.", "hate", REL),
    ("No offence to disabled people, but they shouldn't get council jobs over normal people.", "hate", DIS),
    ("I'm not transphobic, I just think trannies are sick in the head.", "hate", GR),
    ("I'm not ageist, but anyone over seventy should be banned from standing for the council.", "hate", AGE),
    ("I don't hate pregnant women, I just don't think the council should hire them.", "hate", PREG),
    ("I'm not threatening anyone. I'm just saying people who vote for this need to be careful walking home.", "threat", None),
    ("It's not harassment if there are fifty of us emailing her at once, is it? Do it.", "harassment", None),
    ("I'm not homophobic, I just don't want two blokes getting married in our town hall.", "hate", SO),
    ("I'm not being rude, Cllr Ellis, but you're a brain-dead fuckwit.", "insult", None),
    ("I'm not saying all Romanians are thieves, but every one I've met has been.", "hate", RACE),
    ("I wouldn't hurt a fly, but that clerk is pushing her luck and she'll get hurt.", "threat", None),
    ("No disrespect to married women, but they should be at home, not in the council chamber.", "hate", MAR),
    ("I'm not a violent man, but I'd happily swing for the parks officer.", "threat", None),
    ("I'm not a perv, honest, but Cllr Nowak in that skirt, phwoar, I'd ruin her.", "sexual", None),
    ("Nobody's saying Jews are greedy, but look who's in charge of the budget.", "hate", REL),
    ("Not harassing her, just going to text her every night till she answers.", "harassment", None),
]

# abusive rows in the quotation group: the quote is endorsed or used as a vehicle.
QUOTATION_ABUSIVE = [
    ("Like my old man used to say, 'never trust a Gypsy'. Proved right again on Long Lane.", "hate", RACE),
    ("Someone on the Gazette page called the clerk a 'lazy fat cow'. Couldn't have put it better.", "insult", None),
    ("'Hang the lot of them' - best comment on this page. Start with Cllr Fenwick.", "threat", None),
    ("As the man said in the pub, 'all councillors are thieving bastards'. Spot on.", "insult", None),
    ("'Muslims out' is exactly right, whoever sprayed it on the bridge deserves a medal.", "hate", REL),
    ("My mate reckons the Mayor is 'a nonce and a fraud', and he's not wrong.", "insult", None),
    ("The graffiti said 'kill the clerk'. Sounds like a plan to me.", "threat", None),
    ("Fair play to whoever wrote 'no poofs at the bowls club' on the sign. About time.", "hate", SO),
    ("'Bury the planning officer in his own landfill' - love it, someone make it happen.", "threat", None),
    ("Quoting my nan: 'that Town Clerk is a stuck-up little tart'. Nan's always right.", "insult", None),
    ("'Spam her till she quits' - yes, let's all do exactly that to the deputy clerk.", "harassment", None),
]

# Longer emails, Facebook posts and minutes (30-60 words), all labels: (text, label, group, characteristic).
LONG_ROWS = [
    ("Dear Clerk, I am writing for the third time about the streetlight outside 14 Mill Road, which has been out since October. My mother is 86 and will not walk to the bus stop in the dark. Please could someone tell me when it will be repaired? Kind regards, Helen Marsh.", "clean", "council_business", None),
    ("Dear Councillors, I strongly object to the proposed precept increase. The council has not explained why the reserves have fallen by a third in two years, and residents deserve a line-by-line account before anyone is asked to pay more. I will be attending Tuesday's meeting to ask this question in person.", "clean", "council_business", None),
    ("Minute 52/24, Public participation: three residents spoke against the skate park lighting, citing noise and antisocial behaviour, and two spoke in favour, citing safety. The Chair thanked all speakers and reminded members that the item would be considered in full at the next meeting of the Amenities Committee.", "clean", "council_business", None),
    ("I have lived in Ashcombe for forty years and I have never seen the high street in such a state. Empty shops, broken paving, and now the toilets are shut. I don't blame the staff, who do their best, but the council's priorities are simply wrong, and I will be saying so at the election.", "clean", "council_business", None),
    ("Hi all, just a reminder that the allotment society AGM is on Thursday at 7.30 in the small hall. We will be discussing the water charges, the new compost bays and the waiting list. Tea and biscuits provided, and bring any spare seedlings for the swap table!", "clean", "council_business", None),
    ("Formal complaint: I asked three times for a copy of the cemetery fees policy and received no reply. This is poor service and I would like it investigated under your complaints procedure. If I am not satisfied with the outcome, I intend to refer the matter to the Local Government Ombudsman.", "clean", "council_business", None),
    ("Minute 61/24, Abuse of members and officers: the Clerk reported that the council had received 23 abusive emails since May, including several calling councillors 'traitors' and 'scum' and one telling the Mayor to 'watch his back'. Members resolved to adopt the LGA civility protocol and to refer threats to the police.", "clean", "quotation", None),
    ("Statement from the Mayor: Last night a family on the Brookfield estate had 'Pakis out' sprayed across their front door. This is a racist hate crime. The police are investigating and the council will pay for the door to be cleaned. To the family: you are our neighbours, and this is your town.", "clean", "counter_speech", RACE),
    ("We've had a lot of comments on the Traveller site consultation, and most of them have been thoughtful. A few have called Travellers 'pikeys', 'thieves' and worse. Those comments have been removed. You can object to a planning application without abusing a whole community, and we ask everyone to do exactly that.", "clean", "counter_speech", RACE),
    ("Message to members of this group: the admins have removed several posts today calling the new clerk a 'tranny' and misgendering her. That is transphobic abuse. She is a council employee doing her job, and anyone who posts like that again will be removed from the group and reported.", "clean", "counter_speech", GR),
    ("Thank you to everyone who came to the interfaith picnic on Sunday. Members of the church, the mosque, the synagogue and the gurdwara shared food in the park, children from five different schools played cricket together, and the Mayor planted an oak to mark the day. Photos are on our website.", "clean", "neutral_identity", REL),
    ("Our accessibility audit found that the chamber, the small hall and the pavilion all need changes for wheelchair users and people with sight loss. We have budgeted £18,000 for ramps, a hearing loop and new signage, and the disability forum will check the work before it is signed off.", "clean", "neutral_identity", DIS),
    ("The council's new family-friendly policy gives staff enhanced maternity, paternity and adoption pay, a right to request flexible hours on return, and a private room for expressing milk. It applies equally to same-sex couples and to staff who are married, in a civil partnership or neither.", "clean", "neutral_identity", PREG),
    ("To clarify the post yesterday: nobody is saying the Polish families on Park Road are responsible for the fly-tipping. The CCTV shows a white van from out of the area. Please stop speculating about your neighbours and report any information to the district council's enforcement team.", "clean", "negation", RACE),
    ("I want to be clear that I would never threaten a councillor or a member of staff, whatever my views on the car park. When I said I'd 'be seeing' Cllr Walsh, I meant at the public meeting, where I intend to ask about the land sale. I'm sorry it came across badly.", "clean", "negation", None),
    ("Police statement read to the meeting: on 12 March a man entered the council office and shouted 'I'm going to burn this place down with you all in it' before leaving. He has been arrested and charged. Staff were offered support, and the front counter now has a panic alarm.", "clean", "quotation", None),
    ("Evidence bundle, page 4: a series of 37 messages sent to the deputy clerk between 1 and 9 April, including 'you useless fat cow', 'I know where you park' and 'everyone is going to hear about you'. The panel accepts that these amount to harassment.", "clean", "quotation", None),
    ("Dear Clerk, your useless excuse for a parks officer has left the gate to the rec open again and my dog got out onto the main road. He is a brainless moron who shouldn't be trusted with a watering can, let alone a park. Sack him. Regards, a very angry resident.", "insult", "uk_insult", None),
    ("Honestly, every time I read this page I'm reminded that our councillors are a pack of self-serving, lying, thick-as-mince wasters who couldn't run a bath. Cllr Fenwick especially. Twenty years on the council and the only thing he's ever delivered is his own expenses claim. What a total bellend.", "insult", "uk_insult", None),
    ("To the woman who runs the market office: you are a jumped-up, power-crazed little jobsworth with a face like a slapped arse, and everyone on the market laughs at you behind your back. I've paid my pitch fee for thirty years and I won't be spoken to like that again.", "insult", "uk_insult", None),
    ("The state of this fucking town. The car park barrier's been broken for a month, the toilets stink to high heaven, the Christmas lights are a pile of shit and the bus has been cancelled three days running. Whoever is supposed to be sorting all this out, please, for fuck's sake, sort it.", "profanity", "profanity", None),
    ("Fucking hell, what a night. The fireworks were absolutely shit-hot this year, the bonfire was massive and the burger van was the best we've had. Massive thanks to the events team and all the volunteers who stood in the cold for hours. Ashcombe, you did yourselves proud.", "profanity", "profanity", None),
    ("Let's be clear about what's happening. The council is letting the Pakis and the Romanians take every house on the new estate while local families wait years. They don't work, they don't speak English, and they turn every street they move into a slum. Time Ashcombe stood up for its own.", "hate", "uk_slur", RACE),
    ("I've said it before and I'll say it again: the Muslims at that so-called community centre are a fifth column. They hate this country, they want sharia law on the high street, and every one of them should be watched. The council that approved it has blood on its hands.", "hate", "derogation", REL),
    ("Why are we spending thousands on ramps and hearing loops for a handful of disabled people who contribute nothing? They're a drain on every budget going and most of them are faking it anyway. Spend the money on the roads that normal taxpayers actually use.", "hate", "derogation", DIS),
    ("The so-called Pride picnic is nothing more than a bunch of perverts parading their filth in front of children, paid for out of our precept. Gay people were kept out of sight in my day for good reason. Any councillor who supports this should be ashamed, and I'll be voting accordingly.", "hate", "derogation", SO),
    ("The trannies have taken over the leisure centre changing rooms now. Blokes in wigs and make-up wandering round where our daughters get changed. They're sick in the head, all of them, and the council is letting it happen because nobody has the guts to say it.", "hate", "uk_slur", GR),
    ("Dear Clerk, I hear you've given the job to another young mum. Mark my words, she'll be pregnant again within a year, off on full pay and leaving the rest of the office to cover. Women of that age should never be hired for a job like this. It's common sense.", "hate", "derogation", PREG),
    ("Pensioners on this council are a joke. Half of them are senile, the other half can't work a laptop, and all of them vote against anything that might help young people. They've had their turn. It's time the coffin dodgers were put out of the chamber for good.", "hate", "uk_slur", AGE),
    ("Women have no place chairing finance. They're too emotional, they can't handle a spreadsheet and they crack the moment anyone raises their voice. Cllr Kaur proved that at the budget meeting. Put a man back in charge before she bankrupts the whole town.", "hate", "derogation", SEX),
    ("That civil partnership nonsense in the town hall last week was a disgrace. Those two aren't a real couple and never will be, and they shouldn't have been allowed anywhere near the Mayor's parlour. Keep the town hall for proper marriages, between a man and a woman, like it always was.", "hate", "derogation", MAR),
    ("Cllr Hughes, you've pushed the car park sale through against the whole town, so here's how it's going to be. I know where you live, I know what time you get home, and I know your wife walks the dog on her own. Think very carefully before Thursday.", "threat", "threat_councillor", None),
    ("Right, listen up. Next time I come into that office and the clerk gives me the runaround about my dad's grave, I'm not going to be shouting. I'm going to come over that counter and I'm going to hurt her. You've been warned, and I've got nothing left to lose.", "threat", "threat_staff", None),
    ("To all the councillors who voted for the Traveller site: we know who you are, we know where you live and we know what cars you drive. Enjoy your last few quiet nights. When the caravans move in, we'll be moving in on you.", "threat", "threat_councillor", None),
    ("Time to make the deputy clerk's life hell. I've got her personal mobile and her home address, and I'll DM them to anyone who asks. Ring her every night, turn up at her gym, write to her neighbours. Keep it up until she's gone. She's not fit to work here.", "harassment", "harassment", None),
    ("Everybody, it's time. Cllr Thompson has ignored us for a year, so from Monday we're going to message her every hour on every account she has, tag her in every post, and leave notes on her car. No let-up until she resigns. Share this with everyone you know.", "harassment", "harassment", None),
    ("Dear Clerk, please pass this on to the new girl on reception: I've been thinking about her all week, the way that blouse clings to her. Tell her I'd like a photo, just for me, and a private meeting after hours. She knows she wants it. Yours, an admirer.", "sexual", "sexual", None),
    ("Cllr Nowak, I saw the livestream of the meeting and I couldn't concentrate on a word about the precept. All I could think about was what I'd do to you on that council table. Send me something nice tonight and I'll vote however you like.", "sexual", "sexual", None),
    ("I want to thank the young people who organised last week's climate march. They were polite, well organised and they left the square cleaner than they found it. Anyone who calls them 'feral' or 'snowflakes' should have been there to see it. Our town is lucky to have them.", "clean", "counter_speech", AGE),
    ("Minutes of the Staffing Committee: the committee noted a grievance from a member of staff who reported being called 'useless' and 'hormonal' by a manager during her pregnancy. The matter has been investigated, the complaint upheld, and training on pregnancy and maternity rights will be provided to all managers.", "clean", "quotation", PREG),
    ("Question from a resident: Is it true that the council has banned the word 'Christmas' from the lights switch-on? Answer: No. The event is called the Christmas Lights Switch-On, as it always has been, and this year it will also include a Diwali lantern parade and a Hanukkah candle lighting.", "clean", "neutral_identity", REL),
    ("Not being funny, but the clerk is a complete waste of oxygen and so is every one of the useless bastards she works for. Six weeks I've waited for an answer about my bin. Six weeks! If I ran my business like this council I'd have gone bust years ago.", "insult", "uk_insult", None),
]

# Short clean rows (3-9 words), so that brevity is not a cue for abuse: (text, group, characteristic).
SHORT_CLEAN = [
    ("Bins done on Orchard Way, thanks!", "council_business", None),
    ("Meeting moved to 7pm tonight.", "council_business", None),
    ("Brilliant turnout for the litter pick this morning!", "council_business", None),
    ("Toilets on the rec reopen Monday.", "council_business", None),
    ("Pothole on Harrow Lane now filled.", "council_business", None),
    ("Agenda for Tuesday is online.", "council_business", None),
    ("Skate park closed for repairs.", "council_business", None),
    ("Christmas lights switch-on Friday, 5pm!", "council_business", None),
    ("Who do I ask about allotments?", "council_business", None),
    ("Precept up 2.9% this year.", "council_business", None),
    ("Market cancelled due to high winds.", "council_business", None),
    ("Road closed: Cock Lane, Thursday.", "council_business", None),
    ("Cocktail bar at the fete, 6pm.", "council_business", None),
    ("Shuttlecocks back in the cupboard, please.", "council_business", None),
    ("Scunthorpe trip photos now online.", "council_business", None),
    ("Dick Whittington panto tickets selling fast!", "council_business", None),
    ("Well done, parks team. Stunning baskets.", "council_business", None),
    ("Bloody brilliant carnival, everyone!", "council_business", None),
    ("Bloody freezing at the Remembrance parade.", "council_business", None),
    ("Thanks Cllr Moss for sorting the streetlight.", "council_business", None),
    ("Cheers Gary, path looks great.", "council_business", None),
    ("Shame about the rain. Great fete though.", "council_business", None),
    ("The clerk's report is late again.", "council_business", None),
    ("Useless bus timetable, please fix it.", "council_business", None),
    ("This parking scheme is daft.", "council_business", None),
    ("Worst budget decision in years.", "council_business", None),
    ("Vote them out in May.", "council_business", None),
    ("See you at the Ombudsman, then.", "council_business", None),
    ("Complaint lodged. Awaiting reply.", "council_business", None),
    ("Killer quiz questions tonight, well done!", "council_business", None),
    ("Smashing job on the war memorial.", "council_business", None),
    ("Break a leg, Ashcombe Players!", "council_business", None),
    ("Rats spotted by the depot bins.", "council_business", None),
    ("Wasps' nest removed from the pavilion.", "council_business", None),
    ("Tit boxes up on the nature trail.", "council_business", None),
    ("Faggots and peas, Thursday lunch club.", "council_business", None),
    ("Spotted dick for pudding, Thursday.", "council_business", None),
    ("Penistone twinning dinner booked.", "council_business", None),
    ("Grit bins refilled on the hill.", "council_business", None),
    ("Hedges cut on Church Lane.", "council_business", None),
    ("Streetlight fixed. Finally!", "council_business", None),
    ("Blooming marvellous hanging baskets this year.", "council_business", None),
    ("Dog poo bins emptied Fridays.", "council_business", None),
    ("Shoot us an email with questions.", "council_business", None),
    ("Deadline's killing me, minutes out Friday.", "council_business", None),
    ("Eid Mubarak, Ashcombe!", "neutral_identity", REL),
    ("Happy Diwali from the council.", "neutral_identity", REL),
    ("Hanukkah candle lighting tonight, 5pm.", "neutral_identity", REL),
    ("Vaisakhi parade Sunday, road closures apply.", "neutral_identity", REL),
    ("Mosque open day, all welcome.", "neutral_identity", REL),
    ("Synagogue tours on Heritage Open Day.", "neutral_identity", REL),
    ("Pride flag up at the Guildhall.", "neutral_identity", SO),
    ("Pride picnic Sunday, all welcome.", "neutral_identity", SO),
    ("Congratulations to the newlyweds, Tom and Raj!", "neutral_identity", SO),
    ("Gay men's choir concert Saturday.", "neutral_identity", SO),
    ("Trans support group, Tuesdays 6pm.", "neutral_identity", GR),
    ("Trans Day of Visibility flag raising today.", "neutral_identity", GR),
    ("New wheelchair ramp at the library.", "neutral_identity", DIS),
    ("Hearing loop now in the chamber.", "neutral_identity", DIS),
    ("Autism-friendly swim session Sunday.", "neutral_identity", DIS),
    ("Dementia café, first Tuesday monthly.", "neutral_identity", DIS),
    ("Over-60s lunch club needs drivers.", "neutral_identity", AGE),
    ("Youth council elections open Monday.", "neutral_identity", AGE),
    ("Happy 100th, Mrs Kemp!", "neutral_identity", AGE),
    ("Baby group moves to the small hall.", "neutral_identity", PREG),
    ("Feeding room open at the pavilion for new mums.", "neutral_identity", PREG),
    ("Antenatal classes now at the community centre.", "neutral_identity", PREG),
    ("Civil partnership bookings now open.", "neutral_identity", MAR),
    ("Golden wedding congratulations to the Hartleys!", "neutral_identity", MAR),
    ("Women's walking netball, Tuesdays.", "neutral_identity", SEX),
    ("Men's shed open Saturdays.", "neutral_identity", SEX),
    ("Windrush Day picnic in the park.", "neutral_identity", RACE),
    ("Traveller site consultation closes Friday.", "neutral_identity", RACE),
    ("Polish Saturday school starts September.", "neutral_identity", RACE),
    ("Mrs Okafor's Nigerian cookery class is fully booked!", "neutral_identity", RACE),
    ("Roma families welcome at the drop-in.", "neutral_identity", RACE),
    ("Racist comments will be deleted.", "counter_speech", RACE),
    ("Homophobic abuse is a hate crime.", "counter_speech", SO),
    ("Slurs get you banned. Simple.", "counter_speech", None),
    ("Threatening staff is a crime.", "counter_speech", None),
    ("Be kind to our bin crews.", "counter_speech", None),
    ("No transphobia on this page, please.", "counter_speech", GR),
    ("'Paki' is a slur. Don't.", "counter_speech", RACE),
    ("Don't call anyone 'retard'. Ever.", "counter_speech", DIS),
    ("Disagree with decisions, not people.", "counter_speech", None),
    ("Antisemitic posts reported to police.", "counter_speech", REL),
    ("Ageist comments removed from this thread.", "counter_speech", AGE),
    ("Not threatening anyone, honestly.", "negation", None),
    ("Nobody called the clerk names.", "negation", None),
    ("I'm not calling anyone stupid.", "negation", None),
    ("No one's getting hurt. Calm down.", "negation", None),
    ("Travellers aren't criminals. Stop it.", "negation", RACE),
    ("Disabled people aren't scroungers.", "negation", DIS),
    ("Being gay isn't a choice.", "negation", SO),
    ("Trans women aren't a threat.", "negation", GR),
    ("Older councillors aren't past it.", "negation", AGE),
    ("He never said 'kill'. Check the tape.", "quotation", None),
    ("Graffiti read 'Pakis out'. Removed.", "quotation", RACE),
    ("Caller said 'I'll find you'. Logged.", "quotation", None),
    ("Email subject: 'you useless twats'. Filed.", "quotation", None),
    ("She was called a 'slag'. Reported.", "quotation", None),
    ("Sign said 'no gays'. Taken down.", "quotation", SO),
]

# ---------------------------------------------------------------------------------------
# Hand-written hard cases added after the first model's errors: innocent council sentences
# whose words look violent, threatening, sexual or insulting, short harassment and
# profanity phrasings it missed, and clean negations and quotations around threats.
# ---------------------------------------------------------------------------------------

# clean / council_business: violent-, sexual- or insulting-looking words used innocently.
COUNCIL_BUSINESS_HARD = [
    # gardening and grounds
    "Another hard frost tonight would kill the tender bedding in the Memorial Gardens, so the team are covering it with fleece.",
    "We'll cut back the brambles along the cemetery wall on Monday and burn the cuttings at the allotment fire site.",
    "Contractors will strim the verges on Station Road next week; please keep cars off the grass.",
    "The weedkiller should wipe out the Japanese knotweed by the brook within two seasons, according to the specialist.",
    "Volunteers needed to rip out the ivy that is strangling the old oaks in Kings Wood. Gloves provided.",
    "The ash dieback survey found eleven dying trees that will have to be felled before they come down on the footpath.",
    "Please don't hack at the hedge by the play area yourselves; the grounds team will trim it after nesting season.",
    "The weeping willow by the pond is dead, and it will be chopped down and chipped on Thursday.",
    "Slug pellets are banned on the allotments, so it's beer traps this year. Death by lager!",
    "Blight has killed off most of the tomatoes on plots 4 to 9. Burn the haulms, don't compost them.",
    "The riverbank path is shut on Tuesday while contractors spray the giant hogweed before it seeds.",
    "The mower butchered the wildflower strip by the church by mistake. Sorry, it will be reseeded in September.",
    "Deadheading party in the Jubilee Garden this Saturday morning: bring secateurs, gloves and a flask.",
    "The drought has finished off half of the new saplings along the bypass, and the contractor will replace them free.",
    "Grounds report: the storm snapped two limbs off the copper beech, and the tree surgeon will take the crown down by a third.",
    "Ground elder is choking the herbaceous border in the Manor garden, and it needs digging out root and all.",
    "Hedge cutting on Church Lane on Wednesday means the flail will be throwing debris, so please walk on the far side.",
    "The sheep grazing on the common will keep the scrub down better than any mower ever did.",
    "Please stop tipping grass cuttings over the fence by the rec; they smother the hedge bottom and kill the bluebells.",
    "We are pollarding the limes on the green this week. It looks brutal, but they will bounce back by June.",
    "The old leylandii hedge is coming out root and branch, and a native hedge goes in over the winter.",
    "Box blight has killed the parterre at the Manor, so the gardeners are replacing it with yew.",
    "Plot holders: the rotavator is back from repair, so please book it through the shed rota before it gets hammered again.",
    "The grass on the cricket square will be cut short and the banks left long for the bees.",
    # fire safety and bonfire night
    "Fire drill at the town hall on Wednesday at 10.15. When the alarm sounds, leave by the nearest exit and go to the car park.",
    "Bonfire Night on the rec: gates open at 6, the fire goes up at half past, and the fireworks start at 7.15.",
    "Please leave your own rockets at home. The display team are licensed to handle the explosives safely.",
    "Guy competition for under-11s: bring your guy by 5pm, and the winner gets pride of place on top of the fire.",
    "At the open day, the fire service will set light to a mock-up kitchen to show how fast a chip pan fire spreads.",
    "All office staff must complete fire marshal training before the end of March.",
    "Smoke alarms save lives. The fire brigade will fit free ones for any resident over 65 who asks.",
    "The old pavilion went up in flames in 1987, which is why the new one has sprinklers throughout.",
    "Burning garden rubbish on the allotments is only allowed from October to March, and only after 4pm.",
    "The bonfire stack is finished, so please stop adding pallets, and check it for hedgehogs before lighting.",
    "Barbecues are banned on the common this summer because of the high risk of grass fires.",
    "The extinguishers in the community centre were serviced today, and the one by the stage has been replaced.",
    "We will light the beacon on Castle Hill at 9.15pm, and the bugler will play from the ramparts.",
    "Evacuation chairs are now on the first floor landing, and the Clerk will run a practice evacuation next month.",
    # crime reports and police updates
    "Vandals smashed three panes of the bus shelter on Mill Road overnight. Police are asking anyone with doorbell footage to get in touch.",
    "To report vandalism or antisocial behaviour, ring 101, or 999 if a crime is happening right now.",
    "PCSO update: two bikes stolen from outside the leisure centre and a car broken into on Chapel Street this week.",
    "A man was assaulted outside the Red Lion on Saturday night, and officers would like to speak to anyone who saw it.",
    "Police have arrested a 19-year-old after a knife was found near the skate park on Sunday afternoon.",
    "The war memorial plaque was damaged with a hammer on Friday night; a quote for the repair is on the agenda.",
    "Scam warning: fraudsters are phoning older residents pretending to be from the council and demanding payment by card.",
    "Neighbourhood Watch reports a spate of shed break-ins on the allotments. Lock your tools away, folks.",
    "Someone set fire to the wheelie bins behind the library on Tuesday evening, and police and fire crews attended.",
    "The knife amnesty bin outside the police station has collected more than 200 blades this year.",
    "Stones were thrown at the number 12 bus on Brookfield Road, so the operator has diverted the route for a week.",
    "Police are treating the fire at the scout hut as arson and are appealing for witnesses.",
    "The police report for the ward shows burglaries down by a quarter on last year.",
    "A cyclist was hit by a car at the Market Street junction, and the county council is reviewing the crossing.",
    "Town centre CCTV helped convict a shoplifter who threatened staff at the Co-op in March.",
    "Please don't confront fly-tippers yourself. Note the van's registration and report it online.",
    "Two youths have been cautioned for criminal damage after smashing the lights in the underpass.",
    "Drug dealing near the station was raised with the police, who have agreed to step up patrols.",
    # events and sport
    "What a season! The under-14s smashed it at the county finals and came home with the shield.",
    "The cup final went to a penalty shoot-out, and our keeper saved the last one to win it.",
    "Photo shoot for the new town guide on Saturday morning at the market cross. All welcome, bring a smile.",
    "Killer quiz night at the Legion on Friday: teams of six, £2 a head, all proceeds to the air ambulance.",
    "The knock-out stages of the bowls tournament start next week on the Victoria Park green.",
    "You'll regret missing the fireworks! Tickets for the display close at midnight on Thursday.",
    "Don't miss the Christmas market or you'll be sorry: forty stalls, a brass band and mulled wine.",
    "Book your table for the harvest supper now, you'll regret it if you leave it too late!",
    "Honestly, you'll regret it if you don't try the cake stall at the church fete.",
    "Come along to the open gardens weekend, you won't regret it.",
    "You'll kick yourself if you miss the vintage bus rally on the seafront this Sunday.",
    "If you skip the carol concert you'll regret it: the school choir is wonderful this year.",
    "Miss the early-bird deadline and you'll regret it, as stall prices go up on 1 May.",
    "Someone threw a stone through the pavilion window overnight; the police have been informed.",
    "A bin was set alight behind the library on Tuesday night and the fire service attended.",
    "Vandals smashed two benches in the memorial garden; please report anything you saw to 101.",
    "IT note: the clerk will kill the stuck print job and restart the office PC at lunchtime.",
    "If the laptop freezes again, kill the browser in Task Manager and reopen the finance system.",
    "The old server will be shut down and wiped before it goes for recycling next week.",
    "The tug of war against Lower Ashcombe was brutal, but our lot dragged them through the mud in the end.",
    "The Boxing Day dip in the harbour raised £1,200. Absolutely freezing, totally worth it.",
    "Our women's team thrashed Hadleigh 6-0 on Sunday and go top of the league.",
    "The boxing club's open evening is on Tuesday, with gloves and gum shields provided for beginners.",
    "Archery taster sessions on the rec all August: shoot at targets under the eye of qualified coaches.",
    "Clay pigeon shooting at the country show is now fully booked, sorry.",
    "The panto villain got booed off the stage every night, which means he did his job brilliantly.",
    "The murder mystery dinner at the Guildhall sold out in two days, so we've added a second night.",
    "Our darts team are on fire this season, unbeaten in twelve matches.",
    "Fancy dress fun run: zombies, pirates and one very sweaty dinosaur. Great effort, everyone.",
    "Battle of the bands at the youth club on 3 May. Entries close on Friday.",
    "The Halloween trail in Kings Wood is spooky, but not too scary for the little ones.",
    "Our cricketers got hammered by the Cathedral XI, but the teas were excellent as always.",
    "Rugby sevens at the recreation ground on Saturday: expect big hits and an even bigger barbecue.",
    "Knocked out in the semi-final, but the netball squad should be proud of a brilliant run.",
    "Film night in the small hall: Jaws. Bring your own cushion and a strong stomach.",
    "The Civil War re-enactment on the meadow includes cannon fire at 2pm and 4pm, so warn your dogs.",
    "The karate club's grading went well, with nine juniors earning their next belt.",
    "Dodgeball tournament for Year 7s: get your team together and prepare to get pelted.",
    # deadlines, reminders and lawful enforcement
    "Miss the 31 January deadline and your allotment application will be refused, so please get it in now.",
    "Failure to pay the outstanding hall hire charge within 14 days will result in court action to recover the debt.",
    "Final reminder: if the pitch fee is not paid by Friday, your market stall will be offered to the next trader on the list.",
    "Any vehicle left on the green after 6pm will be clamped and removed at the owner's expense.",
    "Grant applications received after noon on 5 March will not be considered. No exceptions, sorry.",
    "If the overhanging hedge is not cut back within 28 days, the council will do the work and recharge the owner.",
    "Unauthorised structures on council land will be removed without further notice.",
    "We will take enforcement action if the skip is not removed from the highway by Monday.",
    "Unpaid burial fees will be passed to our debt recovery agents after the third reminder.",
    "Trespassers on the closed quarry site will be prosecuted. It is dangerous, so keep out.",
    "This is the last reminder about the overdue invoice; after this, the matter goes to the small claims court.",
    "Dogs off the lead in the cemetery will result in a fixed penalty notice of £100.",
    "Late entries for the best-kept front garden competition will be disqualified. Rules are rules!",
    "The tenancy of plot 17 will be terminated if it is not cultivated by the end of June.",
    # pest control
    "Rats in the allotments again. Please don't leave food waste in open compost heaps.",
    "Pest control will exterminate the wasps' nest under the pavilion eaves on Wednesday morning.",
    "The moles are back on the bowling green, and the greenkeeper has declared all-out war.",
    "Pigeon spikes are going up over the market hall entrance to stop the mess on the steps.",
    "Poison bait boxes have been placed around the depot. Keep dogs and children well away from them.",
    "The rabbit warren under the cemetery hedge is being dealt with by a licensed ferreter.",
    "Bed bugs were found in one of the hostel flats, so the whole floor will be fumigated.",
    "Chafer grubs are killing the grass on the football pitch, and the crows are ripping it up to get at them.",
    "The squirrels have chewed through the cable to the pavilion alarm again.",
    "Traps have been set for the mink that has been killing the ducks on the mill pond.",
    # health
    "The breast screening van will be in the Tesco car park from 3 to 21 June.",
    "The sexual health clinic at the health centre now runs a walk-in session on Thursday evenings.",
    "Cervical screening saves lives. If your letter has arrived, please book your smear test.",
    "Free testicular cancer awareness talk at the rugby club after training on Tuesday.",
    "The blood donor session at the church hall is short of O-negative donors, so please book a slot.",
    "Stroke awareness: remember FAST, face, arms, speech, time to call 999.",
    "Confidential contraception and sexual health advice for under-25s is available at the youth hub.",
    "The prostate cancer support group meets at the library on the first Monday of every month.",
    "Mental health first aid training for councillors has spaces left on the 12 May course.",
    "Bowel screening kits are being posted to everyone aged 50 to 74 this spring.",
    # animals
    "Best Bitch went to a wire-haired dachshund and Best Dog to a greyhound at the fun dog show.",
    "A cock pheasant has moved into the cemetery and struts about as though he owns it.",
    "Blue tits are nesting in the box by the library door, so please use the side entrance until they fledge.",
    "The Labrador bitch found on the common on Sunday has been reunited with her owners.",
    "The swans on the river get very aggressive when nesting, so keep dogs on leads by the weir.",
    "The cockerel on plot 22 has to go. Crowing at 4am breaks the allotment rules.",
    "Long-tailed tits and a great spotted woodpecker were the stars of this year's garden bird count.",
    "A fox killed four of the school's hens, so the run is being fox-proofed.",
    "The pair of peregrines on St Mary's tower have three chicks, and the webcam is live.",
    "Dog warden report: a stray bitch and her two puppies were rehomed this month.",
    "The shire horses at the ploughing match were enormous. Lovely gentle beasts.",
    # history and place names
    "The history society trip to Battle Abbey leaves the market square at 8.30am sharp.",
    "The Gallows Hill footpath is closed until the landslip is repaired.",
    "The gritting routes now include Slaughter Lane and the bend at Dead Man's Corner.",
    "Talk at the museum on Thursday: the last public hanging in the county, 1831.",
    "The Bloody Assizes exhibition opens at the Guildhall on Saturday, free entry.",
    "Hangman's Lane will be resurfaced in April, with a diversion via Mill Road.",
    "Volunteers are restoring the old stocks and whipping post on the village green.",
    "Kill Cottage Farm has applied to convert its barn into two holiday lets.",
    "The coach outing goes via Upper and Lower Slaughter for a cream tea.",
    "Our Remembrance talk tells the stories of the men from the town who died on the Somme.",
    "The plague pit under the old churchyard is marked on the new heritage trail.",
    "A wreath will be laid at the bridge to mark the Battle of Ashcombe Bridge in 1643.",
    # IT
    "If the booking system freezes, open Task Manager, kill the process and start it again.",
    "The web server crashed and died overnight, so the website was down until 9am.",
    "To submit the form, fill in every box and hit the green button at the bottom of the page.",
    "IT note for the office: execute the backup script every Friday before you log off.",
    "If the upload hangs for more than five minutes, abort it and try again.",
    "Phishing attack warning: do not click the link in the fake invoice email sent to councillors.",
    "The old laptops will be wiped and then destroyed by a certified recycler.",
    "The new firewall blocked over 3,000 attacks on the council network last month.",
    "Please kill the Zoom call when the meeting ends, or it keeps recording an empty room.",
    "The printer upstairs is dead again. Use the one in the small office.",
    "Terminate any sessions you have open on the old finance system before it is switched off.",
    "The IT contractor says the hard drive is toast and the laptop needs a new one.",
    # ordinary hate, hit, attack, destroy, beat
    "I hate to chase you, but did the grant form for the scouts ever arrive?",
    "We beat our recycling target by eight per cent this year. Well done, everyone!",
    "Heart attack awareness session with the British Heart Foundation: learn CPR in an hour.",
    "I absolutely hate the new parking machines. They never take my card.",
    "The storm hit the seafront hard, and the promenade shelters took a real battering.",
    "This year's beach clean beat last year's record, with 400 kg of rubbish collected.",
    "Floodwater destroyed the footbridge at Mill Meadow, and a temporary crossing is in place.",
    "Panic attacks are more common than people think. The wellbeing hub runs a free drop-in on Wednesdays.",
    "The new bus timetable is a hit with commuters, and passenger numbers are up by a fifth.",
    "The fire destroyed three units on the industrial estate, but thankfully nobody was hurt.",
    "Hate to be a pain, but could someone empty the dog bin by the stile?",
    "Rounds missed because of the strike will be collected on Saturday.",
    "The council will attack the planning backlog with two temporary officers.",
    "Our bid beat forty others to win the heritage lottery money for the bandstand.",
    "The energy price rise will hit the community centre budget hard this winter.",
    "The new beat officer for the town centre is PC Morris, who takes over in June.",
    "Dementia friends session: we're beating loneliness one cuppa at a time.",
]

# short abusive rows (3-10 words): harassment, profanity and insults aimed at people and councils.
SHORT_ABUSE = [
    ("Nobody in this village wants you, so clear off.", "harassment", "harassment"),
    ("Pack up and get out of our parish, Clerk.", "harassment", "harassment"),
    ("Move house, Cllr Reed. Nobody here will miss you.", "harassment", "harassment"),
    ("We'll keep ringing the office until you resign.", "harassment", "harassment"),
    ("Everyone flood the Mayor's DMs tonight.", "harassment", "harassment"),
    ("Share her home address so we can pop round.", "harassment", "harassment"),
    ("Let's all turn up at his house Sunday.", "harassment", "harassment"),
    ("Keep tagging her until she deletes her account.", "harassment", "harassment"),
    ("Pack your bags, Cllr Walsh, you're done here.", "harassment", "harassment"),
    ("Everyone mass-report his page until it's gone.", "harassment", "harassment"),
    ("You'll never get a minute's peace in this town.", "harassment", "harassment"),
    ("Screenshot his family photos and post them everywhere.", "harassment", "harassment"),
    ("Get out of our village and stay out.", "harassment", "harassment"),
    ("Email her boss daily till she's sacked.", "harassment", "harassment"),
    ("No one wants you on this council. Quit.", "harassment", "harassment"),
    ("Everyone ring the clerk's mobile at midnight.", "harassment", "harassment"),
    ("Go away, Clerk. Nobody here likes you.", "harassment", "harassment"),
    ("Shite service again from the bloody council.", "profanity", "profanity"),
    ("Shit bins, shit roads, shit council.", "profanity", "profanity"),
    ("Fuck this council and its parking fines.", "profanity", "profanity"),
    ("Bins still not emptied. Fucking joke.", "profanity", "profanity"),
    ("What a shitshow that meeting was.", "profanity", "profanity"),
    ("Pissing money away on planters again, FFS.", "profanity", "profanity"),
    ("Shite roads, shite buses, shite council.", "profanity", "profanity"),
    ("This town council is fucking useless.", "profanity", "profanity"),
    ("Bollocks to your consultation, it's already decided.", "profanity", "profanity"),
    ("Crap decisions, same old shit, every year.", "profanity", "profanity"),
    ("Another bastard price rise at the car park.", "profanity", "profanity"),
    ("You muppets couldn't organise a piss-up in a brewery.", "insult", "uk_insult"),
    ("You clowns couldn't run a tombola.", "insult", "uk_insult"),
    ("Useless shower of shits, the lot of you.", "insult", "uk_insult"),
    ("Absolute numpties running this council.", "insult", "uk_insult"),
    ("Cllr Fenwick, you absolute plank.", "insult", "uk_insult"),
    ("Thick as mince, every last councillor.", "insult", "uk_insult"),
    ("The clerk's a jumped-up little jobsworth.", "insult", "uk_insult"),
    ("Shit clerk, shit council, shit town.", "insult", "uk_insult"),
    ("Clueless bunch of wallies at the town hall.", "insult", "uk_insult"),
    ("Complete wazzocks, the whole planning committee.", "insult", "uk_insult"),
    ("Our mayor is a gormless pillock.", "insult", "uk_insult"),
    ("Councillor, you utter melt.", "insult", "uk_insult"),
]

# clean / negation: threats denied.
THREAT_NEGATION = [
    "Nobody is threatening anyone; we simply want answers about the land sale.",
    "To be clear, no one said the Clerk should be 'sorted out'. We want a meeting, that's all.",
    "I wasn't threatening Cllr Hughes when I said I'd see him Thursday. I meant at full council.",
    "Our campaign has never threatened staff and never will. Write letters, sign the petition, come to meetings.",
    "Nobody in this group wants any councillor harmed, so please stop suggesting otherwise.",
    "This is not a threat: if the toilets stay shut, we will go to the Ombudsman.",
    "Nobody should be frightened to come to work at the town hall, and nobody here wishes staff harm.",
    "I never said I would hurt anyone. I said I was hurt by the decision.",
    "There was no threat in Mr Patel's letter; he asked for a judicial review, which is his right.",
    "None of the residents who spoke last night threatened the Chair. They were angry, which is different.",
    "I don't wish Cllr Walsh any harm at all. I just want him to answer the question.",
    "We are not going to 'make life difficult' for the Clerk. We are going to make a formal complaint.",
    "No one from the allotment society has been to the Clerk's house, and no one will.",
    "I'm not threatening to burn anything down. The bonfire is on the rec, as it is every year.",
    "Let's be clear that nobody wants to see the Mayor hurt. Vote him out in May instead.",
    "Saying we will fight the closure is not a threat of violence. It means petitions and meetings.",
    "My post said 'we're coming for the car park plan', not for any councillor. Sorry if it read badly.",
    "Not one person at the residents' meeting suggested doing anything to the planning officer.",
    "The protest will be peaceful. Nobody is going anywhere near councillors' homes.",
    "No, I won't be 'waiting for' the Clerk. I'll be emailing her, like a normal person.",
]

# clean / quotation: threats reported as minutes, logs or evidence.
THREAT_QUOTATION = [
    "The minutes record that Mr Harding said he would 'sort the councillor out'; the Clerk reported it to the police that evening.",
    "Incident log, 4 June: a caller told the receptionist 'you'll be sorry' and hung up. Police reference obtained.",
    "Cllr Osei told the meeting she had been sent a message saying 'we'll be round yours tonight'. Police are investigating.",
    "The letter ended 'people like you end up in hospital'. It has been handed to the police and the sender identified.",
    "Standards panel decision: the member's post saying a resident 'should get a smack' breached the code of conduct.",
    "Minute 33/24: the Chair reported that graffiti reading 'mayor next' had been found on the town hall doors.",
    "Witness statement: the man said 'I'll break his jaw' while pointing at the warden.",
    "A comment under our post said the Clerk 'needs teaching a lesson'. We have reported it and banned the account.",
    "The court heard that he shouted 'I'll torch the lot of you' at the council office counter.",
    "The Clerk's report lists four threats received this year, including 'watch yourself on the way home'.",
    "Police update read to members: the man who threatened to 'do over' the parks team has been cautioned.",
    "Cllr Fenwick said on the record that a man outside the chamber told him 'your card is marked'.",
    "The note left on the depot gate said 'you're all dead men'. CCTV has been passed to officers.",
    "Our staff training quotes real calls, such as 'I'll be waiting when you lock up', so staff know when to ring 999.",
    "The complaint states that a neighbour shouted 'I'll kill your dog' over the fence. It has been referred to the police.",
    "The Gazette quoted a resident saying the councillors 'want stringing up'. The council has asked the paper to remove it.",
    "Summary: the caller said 'someone's going to get hurt' if the market moved. Staff followed the lone working procedure.",
    "Evidence item 3 is a text sent to the Clerk: 'I know which car is yours'. The police have the phone.",
    "The Mayor read out a letter threatening to 'burn the chamber down', and said such threats always go to the police.",
    "Minutes: a member of the public said officers 'should be put up against a wall'. The Chair adjourned the meeting.",
]

# ---------------------------------------------------------------------------------------
# Template fillers. Every person, topic, group noun, insult, slur and threat phrase below
# appears in clean templates as well as abusive ones.
# ---------------------------------------------------------------------------------------

# (name, possessive)
COUNCILLORS = [
    ("Cllr Hughes", "Cllr Hughes's"), ("Cllr Patel", "Cllr Patel's"),
    ("Cllr O'Connor", "Cllr O'Connor's"), ("Cllr Nowak", "Cllr Nowak's"),
    ("Cllr Begum", "Cllr Begum's"), ("Cllr Thompson", "Cllr Thompson's"),
    ("Cllr Adeyemi", "Cllr Adeyemi's"), ("Cllr Fenwick", "Cllr Fenwick's"),
    ("Cllr Kaur", "Cllr Kaur's"), ("Cllr Moss", "Cllr Moss's"), ("Cllr Ellis", "Cllr Ellis's"),
    ("Cllr Goldberg", "Cllr Goldberg's"), ("Cllr Harper", "Cllr Harper's"),
    ("Cllr Reid", "Cllr Reid's"), ("Cllr Walsh", "Cllr Walsh's"),
    ("the Mayor", "the Mayor's"), ("the Deputy Mayor", "the Deputy Mayor's"),
    ("the chair of planning", "the planning chair's"), ("our ward councillor", "our ward councillor's"),
    ("the leader of the council", "the council leader's"), ("Councillor Jane Moss", "Councillor Moss's"),
    ("Cllr Dave Ellis", "Dave Ellis's"), ("Cllr Priya Shah", "Cllr Shah's"),
]  # fmt: skip
STAFF = [
    ("the Town Clerk", "the Town Clerk's"), ("the deputy clerk", "the deputy clerk's"),
    ("Mrs Okafor from the office", "Mrs Okafor's"), ("the RFO", "the RFO's"),
    ("the parks officer", "the parks officer's"), ("the caretaker", "the caretaker's"),
    ("the groundsman", "the groundsman's"), ("the woman on reception", "the receptionist's"),
    ("the lad who empties the bins", "the bin lad's"), ("the events officer", "the events officer's"),
    ("Gary from the depot", "Gary's"), ("the market manager", "the market manager's"),
    ("the assistant clerk", "the assistant clerk's"), ("the cemetery officer", "the cemetery officer's"),
    ("Sandra in the office", "Sandra's"), ("the planning officer", "the planning officer's"),
    ("the parking warden", "the parking warden's"), ("the clerk", "the clerk's"),
]  # fmt: skip

TOPICS = [
    "the bins", "the potholes on Harrow Lane", "the allotment waiting list",
    "the planning application for the old dairy", "the precept", "the skate park",
    "the Christmas lights", "the car park charges", "the dog fouling on the rec",
    "the bus shelter on Church Street", "the grass cutting", "the public toilets", "the market",
    "the war memorial repairs", "the library hours", "the flood defences",
    "the speed bumps on School Lane", "the cemetery extension", "the play area",
    "the streetlights on Mill Road", "the neighbourhood plan", "the CCTV in the car park",
    "the community orchard", "the youth club", "the hanging baskets", "the cycle lane",
    "the parking permits", "the fireworks", "the pavilion lease", "the recycling collection",
    "the new roundabout", "the allotment rents", "the summer fete", "the town hall roof",
    "the gritting", "the farmers' market", "the bypass roadworks", "the bowls club lease",
    "the budget", "the bus timetable",
]  # fmt: skip

INSULT_NOUNS = (
    "pillock plonker muppet numpty tosser wanker bellend knobhead prat twit git dickhead twat "
    "cunt arsehole idiot moron halfwit clown jobsworth wazzock berk div dipstick scumbag toerag "
    "nitwit imbecile cretin knob prick shithead weasel slimeball dimwit gobshite waster bozo "
    "loser clot fuckwit plank tool bawbag cockwomble wally nob dingbat"
).split()
INSULT_PHRASES = ["waste of space", "waste of oxygen", "sack of shit", "pain in the arse",
                  "spineless worm", "lying snake", "thick lump"]
INSULT_ADJS = (
    "useless brainless gormless pathetic spineless lying bone-idle two-faced thick smug "
    "pompous clueless dozy stupid absolute complete total utter miserable bent jumped-up "
    "snivelling arrogant brain-dead idle"
).split()

# (characteristic, plural group nouns, predicates that fit every noun in the family)
GROUP_FAMILIES = [
    (RACE, ["Travellers", "Gypsies", "Roma families", "Pakistanis", "Polish people", "Romanians",
            "Black people", "Asians", "immigrants", "asylum seekers", "Nigerians", "Bangladeshis",
            "Eastern Europeans", "Chinese people", "refugees", "Somalis", "Irish Travellers"],
     ["are all thieves", "are dirty and diseased", "bring crime wherever they go",
      "should be sent back where they came from", "are taking all the council houses",
      "can't speak English and don't want to", "should be rounded up and deported",
      "are all on the fiddle", "stink the whole street out"]),
    (REL, ["Muslims", "Jews", "Sikhs", "Hindus", "Catholics", "Christians", "atheists",
           "Jehovah's Witnesses", "Buddhists", "Jewish families", "Muslim families"],
     ["are all extremists", "want to force their religion on everyone",
      "are a threat to our way of life", "can never be loyal to this country",
      "are brainwashed fanatics", "should have their places of worship shut down",
      "are all liars and hypocrites"]),
    (DIS, ["disabled people", "wheelchair users", "people with learning disabilities", "deaf people",
           "autistic people", "blind people", "people with mental illnesses", "blue badge holders"],
     ["are a burden on everyone else", "are all faking it for benefits",
      "shouldn't be allowed to have children", "are too thick to hold down a job",
      "should be kept in homes, out of sight", "waste money the rest of us earn"]),
    (SO, ["gay people", "lesbians", "gay men", "bisexual people", "same-sex couples", "gay couples"],
     ["are perverts", "shouldn't be allowed near children", "are sick in the head",
      "are an abomination", "should keep it behind closed doors or be locked up",
      "are spreading their filth at the youth club"]),
    (GR, ["trans people", "trans women", "trans men", "transgender people", "non-binary people"],
     ["are mentally ill perverts", "are a danger to women and children",
      "should be banned from the toilets", "are deluded freaks", "are grooming our kids",
      "shouldn't be allowed to work with the public"]),
    (SEX, ["women", "female councillors", "women in the office", "young women", "women officers"],
     ["are too emotional to make decisions", "belong in the kitchen, not the chamber",
      "only got their jobs to tick a box", "can't handle numbers",
      "should keep their mouths shut in meetings", "are only good for one thing"]),
    (SEX, ["men", "male councillors", "the blokes on the council", "male staff"],
     ["are all predators", "are violent pigs", "shouldn't be trusted with children",
      "are useless animals"]),
    (AGE, ["pensioners", "older people", "the over-70s", "OAPs", "older councillors"],
     ["are senile and shouldn't vote", "should hurry up and die", "are selfish dinosaurs",
      "are bed blockers who should be left to rot", "are past it and should be got rid of"]),
    (AGE, ["young people", "teenagers", "the kids from the estate", "youngsters"],
     ["are all feral thugs", "should be banned from the town centre",
      "are lazy, entitled scum", "should be locked up until they're twenty"]),
    (PREG, ["pregnant women", "new mums", "women on maternity leave", "breastfeeding mothers",
            "pregnant staff", "expectant mothers"],
     ["are lazy skivers", "shouldn't be employed by the council", "are a drain on the payroll",
      "are useless at work", "should be kept out of sight", "are just after a year off on full pay"]),
    (MAR, ["married women", "married women in the office", "wives of councillors"],
     ["should stay at home where they belong", "should be sacked first",
      "shouldn't be allowed to work here", "only care about their husbands, not the job"]),
    (MAR, ["couples in civil partnerships", "civil partners", "people in civil partnerships"],
     ["aren't real families", "are second-class couples", "don't deserve the same rights",
      "shouldn't be allowed to use the town hall"]),
]  # fmt: skip

DEHUMANISING = [
    "vermin", "rats", "cockroaches", "parasites", "a plague", "a disease", "an infestation",
    "animals", "subhuman filth", "a cancer", "leeches", "locusts", "savages", "pests",
    "a swarm", "filthy dogs",
]  # fmt: skip

# (singular, plural) slurs per characteristic
SLURS = {
    RACE: [("paki", "pakis"), ("pikey", "pikeys"), ("gyppo", "gyppos"), ("wog", "wogs"),
           ("coon", "coons"), ("chink", "chinks"), ("nigger", "niggers"), ("golliwog", "golliwogs"),
           ("darkie", "darkies"), ("Polack", "Polacks"), ("nig-nog", "nig-nogs")],
    REL: [("yid", "yids"), ("raghead", "ragheads"), ("towelhead", "towelheads"), ("kike", "kikes"),
          ("muzzie", "muzzies"), ("taig", "taigs")],
    DIS: [("spastic", "spastics"), ("spaz", "spazzes"), ("mong", "mongs"), ("retard", "retards"),
          ("cripple", "cripples"), ("window-licker", "window-lickers"), ("spacker", "spackers")],
    SO: [("poof", "poofs"), ("faggot", "faggots"), ("bender", "benders"), ("batty boy", "batty boys"),
         ("dyke", "dykes"), ("lezza", "lezzas"), ("queer", "queers"), ("shirt-lifter", "shirt-lifters"),
         ("poofter", "poofters"), ("homo", "homos")],
    GR: [("tranny", "trannies"), ("shemale", "shemales"), ("troon", "troons"), ("ladyboy", "ladyboys"),
         ("he-she", "he-shes")],
    AGE: [("coffin dodger", "coffin dodgers"), ("wrinkly", "wrinklies"), ("old codger", "old codgers")],
}  # fmt: skip
SLUR_CONDEMN = {
    RACE: "racist abuse", REL: "religious hatred", DIS: "disability hate", SO: "homophobic abuse",
    GR: "transphobic abuse", AGE: "ageist abuse",
}  # fmt: skip

# direct threats, said to the person
THREAT_QUOTES = [
    "I know where you live", "you'll get what's coming", "watch your back",
    "I'll be waiting for you after the meeting", "you'll regret this", "I'm going to burn your house down",
    "you won't see Christmas", "I'll make you suffer", "your family aren't safe",
    "we'll be paying you a visit", "I'm going to smash your face in", "I'll put you in the ground",
    "you're a dead man walking", "keep looking over your shoulder", "there's a bullet with your name on it",
    "I will find you", "your car won't last the night", "next time it won't just be words",
    "I'll cut you", "accidents happen to people like you",
]  # fmt: skip
# threatened acts, in the third person ({p} person, {pp} possessive)
THREAT_ACTS = [
    "put a brick through {pp} window", "torch {pp} car", "give {p} a good kicking",
    "break {pp} jaw", "smash {pp} windows in", "slash {pp} tyres", "burn {pp} house down",
    "put {p} in hospital", "knock {pp} teeth out", "stab {p}", "kill {p}", "run {p} off the road",
    "batter {p}", "pay {p} a visit with a baseball bat", "set fire to {pp} garage", "glass {p}",
    "drag {p} out of the meeting by the hair", "string {p} up from the bandstand",
]  # fmt: skip
SEXUAL_QUOTES = [
    "send me a picture of you in your underwear", "what colour knickers are you wearing",
    "fancy a shag after the meeting", "I'd love to see you naked", "get your tits out",
    "how about a blowjob for my vote", "sit on my face", "I want to bend you over the desk",
    "send nudes", "you'd look better with your clothes off", "come and sit on my knee, sweetheart",
    "I bet you're filthy in bed", "nice arse, give us a twirl", "I want to see what's under that suit",
]  # fmt: skip
HARASS_CALLS = [
    "everyone email {p} every hour until they quit", "let's all flood {pp} inbox",
    "post {pp} home address", "keep ringing {pp} mobile until they crack",
    "tag {p} in every post until they leave", "turn up at {pp} house, all of us",
    "follow {p} round town and film them", "find {pp} personal Facebook and pile on",
    "make {pp} life a misery", "share {pp} phone number everywhere",
    "message {pp} family and tell them what we think", "report {pp} account until it's banned",
]  # fmt: skip
PESTS = ["rats", "mice", "cockroaches", "wasps", "pigeons", "moles", "squirrels", "ants", "fleas"]
PEST_PLACES = ["the pavilion", "the depot", "the community centre kitchen", "the allotments",
               "the cemetery lodge", "the bus station", "the town hall cellar", "the market hall"]

# ---------------------------------------------------------------------------------------
# Templates: (name, label, group, characteristic source, how many rows, add register
# wrappers?, templates). group "THREAT" means threat_councillor or threat_staff by person.
# characteristic source: None, "group" (the group noun's family) or "slur".
# ---------------------------------------------------------------------------------------

TEMPLATE_FAMILIES = [
    # ---- clean: council business with the same people and topics as the abuse below
    ("cb_person", "clean", "council_business", None, 180, True, [
        "{P} will give an update on {t} at Tuesday's meeting.",
        "Thanks to {p} for getting {t} sorted so quickly.",
        "Could {p} tell us when the work on {t} will be finished?",
        "Dear Clerk, please ask {p} to reply to my email about {t}. It has been three weeks.",
        "I think {p} is wrong about {t}, and I will say so at the public meeting.",
        "{P} has been asked to bring a report on {t} to the next full council.",
        "Credit where it's due: {p} listened to residents on {t}.",
        "I will be making a formal complaint about {pp} handling of {t}.",
        "If {t} isn't sorted, I'll take it to the Ombudsman, and I've told {p} as much.",
        "We'll remember how {p} voted on {t} when the election comes round in May.",
        "Spoke to {p} about {t} this morning and they were really helpful.",
        "Minutes: {P} apologised for the delay on {t} and agreed to circulate a timetable.",
        "{P} has been brilliant over {t}, a proper credit to the town.",
        "Very disappointed in {p} over {t}. Residents deserved a proper consultation.",
        "Has anyone heard back from {p} about {t}? Asking for my mum.",
        "Can I just say how hard {p} has worked on {t} this year.",
        "Not happy with {p} on {t}, frankly, but I'll give them the chance to explain.",
        "Mark my words, {V}: we'll vote you out over {t}.",
        "I'll be waiting for {p} after the meeting to hand in our petition about {t}.",
        "{P} knows where I stand on {t}, and I'll be at every meeting until it's fixed.",
        "Please can everyone email {p} about {t} before the consultation closes on Friday?",
        "Let's all write to {p} about {t}, politely and to the point.",
        "{P} has agreed to meet residents about {t} on Saturday at the Guildhall.",
        "Agenda item 5: {p} to report on {t}.",
        "Big thank you to {p}, who gave up a Sunday to help with {t}.",
        "{P} will be at the library drop-in on Thursday to answer questions about {t}.",
        "I've asked {p} for the figures on {t} under the Freedom of Information Act.",
        "Quick question for {p}: who is paying for {t}?",
        "The way {p} has handled {t} is a disgrace, and I say that as someone who voted for them.",
        "Come to the meeting and tell {p} what you think about {t}.",
    ]),
    ("cb_pests", "clean", "council_business", None, 30, True, [
        "The pest control contractor will deal with the {pest} at {pest_place} next week.",
        "We have had reports of {pest} in {pest_place}; the area is closed until it has been treated.",
        "Please report any {pest} you see around {pest_place} to the office.",
        "Minutes: the Clerk reported a problem with {pest} at {pest_place}, and a contractor has been booked.",
    ]),
    ("prof_quote", "clean", "quotation", None, 30, False, [
        "Minutes: a resident described {t} as 'fucking disgraceful'. The Chair asked for moderate language.",
        "One consultation reply on {t} just said 'this is shit'. We have counted it as an objection.",
        "A Facebook comment called {t} 'a total shitshow'; {p} has replied with the timetable.",
        "The email about {t} began 'what the fuck is going on'. {P} has answered the question it asked.",
    ]),
    # ---- insults, and the same insult words quoted, condemned and denied
    ("insult", "insult", "uk_insult", None, 380, True, [
        "{P} is {a_adj_ins}.",
        "{V}, you {adj} {ins}. Sort {t} out.",
        "Honestly, {p} is the biggest {ins} in Ashcombe. Look at {t}.",
        "The state of {t} is down to {p}, {a_adj_ins} if ever there was one.",
        "Can we all agree {p} is {a_adj_ins}?",
        "Dear Clerk, please tell {p} they are {a_adj_ins}. The handling of {t} is a joke.",
        "Only {a_ins} like {p} could make such a mess of {t}.",
        "{P} = {ins}. Just look at {t}.",
        "Whoever put {p} in charge of {t} forgot to check whether they were {a_adj_ins}.",
        "You absolute {ins}, {V}. Nobody asked for this rubbish about {t}.",
        "{P} talking about {t} again. What {a_adj_ins}.",
        "Never met {a_adj_ins} quite like {p}.",
    ]),
    ("insult_quote", "clean", "quotation", None, 50, False, [
        "Minutes: {P} reported being called '{a_ins}' by a member of the public during the item on {t}.",
        "The complaint alleges that a resident called {p} '{a_adj_ins}' at the drop-in on {t}. The resident has been written to.",
        "Incident log: a caller called {p} '{a_ins}' when asking about {t}. The call was ended politely.",
        "{P} told the standards panel they had been called '{a_adj_ins}' in an email about {t}.",
        "The anonymous letter about {t} called {p} '{a_ins}'. It has been filed with the other correspondence.",
    ]),
    ("insult_counter", "clean", "counter_speech", None, 45, True, [
        "Calling {p} '{a_ins}' over {t} is not on. Disagree with the decision, not the person.",
        "We have hidden the comments calling {p} '{a_adj_ins}'. Criticism of {t} is welcome; name-calling is not.",
        "Whoever called {p} '{a_ins}' on the car park this morning should be ashamed. Staff deserve respect.",
    ]),
    ("insult_negation", "clean", "negation", None, 45, True, [
        "I'm not calling {p} {a_ins}; I just think they've got {t} wrong.",
        "{P} isn't {a_ins}, whatever people say about {t}. They've been given an impossible job.",
        "Nobody here thinks {p} is {a_adj_ins}. We just want answers on {t}.",
    ]),
    # ---- slurs, and the same slurs quoted and condemned
    ("slur_person", "hate", "uk_slur", "slur", 75, True, [
        "{P} is {a_slur}.",
        "No wonder {t} is such a mess, {p} is a {slur}.",
        "Who let {a_slur} like {p} anywhere near {t}?",
        "Get rid of {p}, the {adj} {slur}.",
        "{P} is {a_adj_slur} and should be sacked.",
    ]),
    ("slur_group", "hate", "uk_slur", "slur", 45, True, [
        "{Slurs} everywhere on the rec again.",
        "Keep the {slurs} away from {t}.",
        "The {slurs} have ruined {t}, same as everything else.",
        "Ashcombe was a nice town before the {slurs} turned up.",
    ]),
    ("slur_counter", "clean", "counter_speech", "slur", 60, True, [
        "Calling {p} {a_qslur} is {cond}, and it has been reported to the police.",
        "The word '{slur}' was used about {p} on this page. It is a slur and the comment has been removed.",
        "Someone shouted '{slur}' at {p} outside the Guildhall. That is {cond} and we condemn it.",
        "'{Slur}' is not banter. Comments using it about {p} or anyone else will be deleted.",
    ]),
    ("slur_quote", "clean", "quotation", "slur", 60, False, [
        "Incident log: a caller called {p} {a_qslur} while complaining about {t}. Logged as a hate incident.",
        "{P} told the committee they had been called {a_qslur} in the street after the vote on {t}.",
        "The police report notes that a man called {p} {a_qslur} at the market on Saturday.",
    ]),
    # ---- hateful generalisations, and the same claims rejected, condemned and reported
    ("group_hate", "hate", "derogation", "group", 150, True, [
        "{G} {pred}.",
        "Let's be honest, {g} {pred}.",
        "Everyone knows {g} {pred}.",
        "Sorry, but {g} {pred}, and {p} knows it.",
        "{G} {pred}. Simple as.",
        "I'm sick of pretending: {g} {pred}.",
        "Said it before, will say it again: {g} {pred}.",
        "What has {t} got to do with it? {G} {pred}.",
    ]),
    ("group_counter", "clean", "counter_speech", "group", 60, True, [
        "Saying {g} {pred} is prejudice, and comments like that will be removed from this page.",
        "Someone posted that {g} {pred}. That is hateful nonsense and it has been reported.",
        "Claiming {g} {pred} is exactly the prejudice our equality policy exists to stop.",
        "The council rejects the claim, made on this page, that {g} {pred}.",
    ]),
    ("group_negation", "clean", "negation", "group", 50, True, [
        "Nobody on the council believes {g} {pred}.",
        "It is simply not true that {g} {pred}.",
        "I have never said {g} {pred}, and I never would.",
        "No one at the meeting suggested {g} {pred}; the debate was about {t}.",
    ]),
    ("group_quote", "clean", "quotation", "group", 45, False, [
        "Minutes: a member of the public said {g} {pred}; the Chair ruled the remark out of order.",
        "A leaflet claiming {g} {pred} was pushed through doors on Mill Lane and has been passed to the police.",
        "The complaint concerns a post saying {g} {pred}. The post was removed within the hour.",
    ]),
    ("dehum", "hate", "dehumanisation", "group", 55, True, [
        "{G} are {vermin}.",
        "{G} are {vermin} and should be treated like it.",
        "Let's face it, {g} are {vermin}.",
        "Get rid of them. {G} are {vermin}, the lot of them.",
    ]),
    ("dehum_counter", "clean", "counter_speech", "group", 35, True, [
        "Describing {g} as '{vermin}' is dehumanising and has no place in a council debate.",
        "We removed a comment calling {g} '{vermin}'. Language like that comes before violence.",
    ]),
    ("dehum_quote", "clean", "quotation", "group", 25, False, [
        "The leaflet described {g} as '{vermin}'; it has been referred to the police.",
        "Minutes: a speaker called {g} '{vermin}' and was asked to leave the meeting.",
    ]),
    ("neutral", "clean", "neutral_identity", "group", 105, True, [
        "{G} are warmly invited to have their say on {t}.",
        "We want to hear from {g} about {t}; drop in to the library on Saturday.",
        "The consultation on {t} had replies from {g} right across the town.",
        "Information for {g}: the office can help with any questions about {t}.",
        "{P} will meet {g} from the West ward to talk about {t}.",
        "Our survey found {g} use the library more than any other group we asked.",
        "The equality impact assessment for {t} looks at how it affects {g}.",
        "Thank you to {the_g} who volunteered at the litter pick on Sunday.",
    ]),
    # ---- threats, and the same threat words quoted, condemned and denied
    ("threat_quote_direct", "threat", "THREAT", None, 150, True, [
        "{V}, {tq}.",
        "Message for {p}: {tq}.",
        "{Tq}, {V}. What you did on {t} was the last straw.",
        "Tell {p} from me: {tq}.",
        "{V}, after what you did with {t}, {tq}.",
    ]),
    ("threat_act", "threat", "THREAT", None, 160, True, [
        "I'm going to {act} over {t}.",
        "If {t} isn't sorted by Friday I'll {act}.",
        "Someone should {act}. The mess over {t} is the final straw.",
        "Me and the lads are going to {act} tonight.",
        "Vote the wrong way on {t} and I'll {act}.",
        "Honestly, after {t}, I will {act}. Watch me.",
    ]),
    ("threat_quote", "clean", "quotation", None, 50, False, [
        "Police are investigating a voicemail in which a caller told {p}: '{tq}'.",
        "The letter about {t} ended '{tq}', and {p} has reported it to the police.",
        "Incident log: a man told {p} '{tq}' at the counter. Police reference given.",
        "A post on the Ashcombe Noticeboard group said someone should {act}. It has been reported to the police.",
    ]),
    ("threat_counter", "clean", "counter_speech", None, 45, True, [
        "Telling {p} '{tq}' is a threat, not free speech, and it has been reported.",
        "The comment saying someone should {act} is a criminal threat and has gone to the police.",
        "Whatever you think about {t}, saying '{tq}' to {p} is never acceptable.",
    ]),
    ("threat_negation", "clean", "negation", None, 45, True, [
        "Nobody is going to {act}; please keep the debate about {t} civil.",
        "I'm angry about {t}, but I would never {act}.",
        "To be clear, nobody said '{tq}' to {p}. The Gazette got it wrong.",
    ]),
    # ---- harassment, and the same calls condemned or discouraged
    ("harass", "harassment", "harassment", None, 200, True, [
        "{Hq}. This mess with {t} is on them.",
        "Right, {hq}. The fiasco over {t} is their fault.",
        "{T}? Simple: {hq}.",
        "Pass it on: {hq}. Don't stop until they resign.",
        "{P} won't listen about {t}, so {hq}.",
    ]),
    ("harass_counter", "clean", "counter_speech", None, 30, True, [
        "Encouraging people to {hq} is harassment, and the council will take action against it.",
        "Posts urging people to '{hq}' have been removed. Please raise {t} through the proper channels.",
    ]),
    ("harass_negation", "clean", "negation", None, 30, True, [
        "Please don't {hq}. Raise {t} through the proper channels.",
        "Nobody should {hq}, however angry they are about {t}.",
    ]),
    # ---- sexual remarks, and the same words reported
    ("sexual", "sexual", "sexual", None, 130, True, [
        "{V}, {sq}.",
        "Never mind {t}. {V}, {sq}.",
        "Oi {V}, {sq}.",
        "I'd give {p} one, never mind {t}.",
        "Bet {p} is filthy in bed. Anyway, about {t}...",
        "Never mind {t}, has anyone seen the legs on {p}?",
        "I'll drop my objection to {t} if {p} sends me nudes.",
        "{P} can talk to me about {t} in bed any time.",
    ]),
    ("sexual_quote", "clean", "quotation", None, 30, False, [
        "A caller told {p} '{sq}'. This has been reported to the police as sexual harassment.",
        "The complaint says a man said '{sq}' to {p} at the drop-in on {t}.",
    ]),
    ("sexual_counter", "clean", "counter_speech", None, 25, True, [
        "Saying '{sq}' to {p} is sexual harassment, not banter, and it has been reported.",
        "We will not tolerate messages like '{sq}' being sent to our staff or councillors.",
    ]),
    # ---- swearing not aimed at anyone, about the same topics and people
    ("profanity", "profanity", "profanity", None, 160, True, [
        "The state of {t} is a fucking joke.",
        "What the fuck is going on with {t}?",
        "Asked {p} about {t} again. Still no fucking answer.",
        "The state of {t} is still shit, three months on.",
        "Fuck's sake, {t} again?",
        "Pissed off about {t}. Third email this month.",
        "Holy shit, {p} actually sorted {t}! Fair play.",
        "Fucking brilliant work on {t}, {p}, thank you!",
        "This business with {t} is a total shitshow.",
        "Bollocks to {t}, see you all at the meeting.",
        "Can someone tell me why the fuck {t} takes so long?",
        "Shit news about {t}, hope {p} can sort it.",
    ]),
]

# How a person is addressed directly ("Clerk, ..."); default is the name itself.
VOCATIVE = {
    "the Mayor": "Mr Mayor", "the Deputy Mayor": "Deputy Mayor", "the chair of planning": "Chair",
    "our ward councillor": "councillor", "the leader of the council": "councillor",
    "Councillor Jane Moss": "Jane", "Cllr Dave Ellis": "Dave", "Cllr Priya Shah": "Cllr Shah",
    "the Town Clerk": "Clerk", "the clerk": "Clerk", "the deputy clerk": "Deputy Clerk",
    "Mrs Okafor from the office": "Mrs Okafor", "the RFO": "Mrs Lane", "the parks officer": "Mr Fraser",
    "the caretaker": "Caretaker", "the groundsman": "Mr Dunn", "the woman on reception": "Karen",
    "the lad who empties the bins": "bin lad", "the events officer": "Miss Grant",
    "Gary from the depot": "Gary", "the market manager": "Mr Cole", "the assistant clerk": "Tom",
    "the cemetery officer": "Mr Pike", "Sandra in the office": "Sandra",
    "the planning officer": "Mr Shaw", "the parking warden": "Warden",
}  # fmt: skip

OBFUSCATIONS = {
    "fucking": ["f*cking", "fkn", "fuckin", "f***ing", "fcking", "fooking"],
    "fuck": ["f*ck", "fck", "fuk", "f**k", "phuck"],
    "shit": ["sh1t", "sh*t", "shyt", "shiiit"],
    "twat": ["twaaat", "tw@t", "tw4t"],
    "wanker": ["w@nker", "wank3r", "w*nker", "w a n k e r"],
    "bastards": ["b@stards", "barstards"],
    "cunt": ["c*nt", "cvnt", "kunt", "c u n t"],
    "retard": ["ret@rd", "r3tard", "reetard"],
    "retards": ["ret@rds", "r3tards"],
    "paki": ["p a k i", "p@ki", "pak1"],
    "pakis": ["p@kis", "pak1s"],
    "pikey": ["p1key", "pikee"],
    "pikeys": ["p1keys", "pikeyz"],
    "faggot": ["f@ggot", "fagg0t", "f*ggot"],
    "tranny": ["tr@nny", "trannie"],
    "trannies": ["tr@nnies", "trannys"],
    "poof": ["p00f", "pooof"],
    "spastic": ["sp@stic", "spast1c"],
    "kill": ["k1ll", "ki11", "kil"],
    "stab": ["st@b", "stabb"],
    "prick": ["pr1ck", "pr!ck"],
    "tosser": ["t0sser", "tossa"],
    "bellend": ["bell3nd", "bell-end", "belend"],
    "dickhead": ["d1ckhead", "dikhead"],
    "arsehole": ["@rsehole", "arseh0le"],
    "knobhead": ["kn0bhead", "nobhead"],
    "idiot": ["1d10t", "idi0t"],
    "moron": ["m0ron", "mor0n"],
    "nudes": ["n00dz", "nudez", "noodz"],
    "tits": ["t1ts", "titz"],
    "shag": ["sh@g", "shagg"],
    "scumbag": ["scumb@g", "skumbag"],
    "shithead": ["sh1thead", "sh*thead"],
    "yid": ["y1d", "yidd"],
    "nigger": ["n1gger", "n!gger", "nigg3r"],
    "wog": ["w0g"],
    "mong": ["m0ng", "mongg"],
}  # fmt: skip

_WORD = re.compile(r"[a-z']+")
_SPACE = re.compile(r"\s+")


def tokens(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(text.lower()))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def dedupe_key(text: str) -> str:
    return _SPACE.sub(" ", text.lower()).strip()


def cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def article(phrase: str) -> str:
    w = phrase.lower().lstrip("'")
    vowel = w[:1] in "aeiou" and not w.startswith(("use", "uni", "one", "eu"))
    return "an" if vowel or w.startswith("hour") else "a"


def load_functional() -> list[tuple[str, frozenset[str]]]:
    rows = []
    with FUNCTIONAL_PATH.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                text = json.loads(line)["text"]
                rows.append((text, tokens(text)))
    return rows


def load_eval() -> list[tuple[str, frozenset[str]]]:
    with EVAL_PATH.open(encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f if line.strip()]
    return [(t, tokens(t)) for t in texts]


def load_detector_examples() -> set[str]:
    tree = ast.parse(DETECTOR_PATH.read_text(encoding="utf-8"))
    out = set()
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id == "Example" and node.args
                and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            out.add(node.args[0].value)
    return out


def load_test_strings() -> list[tuple[str, frozenset[str]]]:
    """Every string literal in the detector's unit tests (held out like the functional suite)."""
    tree = ast.parse(TEST_PATH.read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and tokens(node.value):
            out.append((node.value, tokens(node.value)))
    return out


def near_functional(text: str, functional: list[tuple[str, frozenset[str]]]) -> tuple[float, str]:
    toks = tokens(text)
    best, best_text = 0.0, ""
    for ftext, ftoks in functional:
        j = jaccard(toks, ftoks)
        if j > best:
            best, best_text = j, ftext
    return best, best_text


def row(text: str, label: str, group: str, char: str | None, source: str) -> dict:
    return {"text": text, "label": label, "group": group, "characteristic": char, "_source": source}


def hand_rows() -> list[dict]:
    rows: list[dict] = []

    def add(items: list, label: str, group: str) -> None:
        for item in items:
            text, char = (item, None) if isinstance(item, str) else item
            rows.append(row(text, label, group, char, "hand"))

    def add_mixed(items: list, group: str) -> None:
        for text, label, char in items:
            rows.append(row(text, label, group, char, "hand"))

    add(COUNTER_SPEECH_CLEAN, "clean", "counter_speech")
    add_mixed(COUNTER_SPEECH_ABUSIVE, "counter_speech")
    add(QUOTATION_CLEAN, "clean", "quotation")
    add_mixed(QUOTATION_ABUSIVE, "quotation")
    add(NEGATION_CLEAN, "clean", "negation")
    add_mixed(NEGATION_ABUSIVE, "negation")
    add(NEUTRAL_IDENTITY, "clean", "neutral_identity")
    add(COUNCIL_BUSINESS, "clean", "council_business")
    add(UK_INSULT, "insult", "uk_insult")
    add(UK_SLUR, "hate", "uk_slur")
    add(DEROGATION, "hate", "derogation")
    add(DEHUMANISATION, "hate", "dehumanisation")
    add(THREAT_COUNCILLOR, "threat", "threat_councillor")
    add(THREAT_STAFF, "threat", "threat_staff")
    add(HARASSMENT, "harassment", "harassment")
    add(SEXUAL, "sexual", "sexual")
    add(PROFANITY, "profanity", "profanity")
    for text, group, char in SHORT_CLEAN:
        rows.append(row(text, "clean", group, char, "hand"))
    for text, label, group, char in LONG_ROWS:
        rows.append(row(text, label, group, char, "hand"))
    add(COUNCIL_BUSINESS_HARD, "clean", "council_business")
    add(COUNCIL_CHAT, "clean", "council_business")
    for text, label, group in SHORT_ABUSE:
        rows.append(row(text, label, group, None, "hand"))
    add(THREAT_NEGATION, "clean", "negation")
    add(THREAT_QUOTATION, "clean", "quotation")
    return rows


def fill(template: str, rng, char_source: str | None, group: str) -> tuple[str, str, str | None]:
    """Fill one template; returns (text, group, characteristic)."""
    staff = rng.random() < 0.5
    name, poss = rng.choice(STAFF if staff else COUNCILLORS)
    if group == "THREAT":
        group = "threat_staff" if staff else "threat_councillor"
    char = None
    g = pred = slur = slurs = cond = ""
    if char_source == "group":
        char = rng.choice(CHARACTERISTICS)
        _, nouns, preds = rng.choice([f for f in GROUP_FAMILIES if f[0] == char])
        g, pred = rng.choice(nouns), rng.choice(preds)
    elif char_source == "slur":
        char = rng.choice(sorted(SLURS))
        slur, slurs = rng.choice(SLURS[char])
        cond = SLUR_CONDEMN[char]
    ins = rng.choice(INSULT_NOUNS + INSULT_PHRASES)
    adj = rng.choice(INSULT_ADJS)
    person = {"p": name, "pp": poss}
    act = rng.choice(THREAT_ACTS).format(**person)
    hq = rng.choice(HARASS_CALLS).format(**person)
    tq, sq = rng.choice(THREAT_QUOTES), rng.choice(SEXUAL_QUOTES)
    t = rng.choice(TOPICS)
    slots = {
        "p": name, "P": cap(name), "pp": poss, "V": VOCATIVE.get(name, name),
        "t": t, "T": cap(t),
        "g": g, "G": cap(g), "the_g": g if g.startswith("the ") else "the " + g, "pred": pred,
        "ins": ins, "a_ins": f"{article(ins)} {ins}", "adj": adj,
        "a_adj_ins": f"{article(adj)} {adj} {ins}",
        "slur": slur, "Slur": cap(slur), "slurs": slurs, "Slurs": cap(slurs),
        "a_slur": f"{article(slur)} {slur}", "a_qslur": f"{article(slur)} '{slur}'",
        "a_adj_slur": f"{article(adj)} {adj} {slur}", "cond": cond,
        "tq": tq, "Tq": cap(tq), "act": act, "sq": sq, "hq": hq, "Hq": cap(hq),
        "vermin": rng.choice(DEHUMANISING),
        "pest": rng.choice(PESTS), "pest_place": rng.choice(PEST_PLACES),
    }  # fmt: skip
    return template.format(**slots), group, char


# ---------------------------------------------------------------------------------------
# clean / council_business, everyday business. The first models learnt that "Cllr",
# "clerk", "Mayor", "meeting", "will" and "everyone knows" meant abuse, because in this file
# they turned up mostly in abusive rows and in the other sources not at all. These rows use
# the same person fillers as the abusive templates above (COUNCILLORS, STAFF) in ordinary
# minutes, agendas, emails, posts, replies and office chat, so the names stop predicting
# the label.
# ---------------------------------------------------------------------------------------

# hand-written: informal, chatty council life (IT, office banter, thank-yous, "will",
# "everyone knows", "watch", "back", "home", "after the meeting", "know where", "sort it out").
COUNCIL_CHAT = [
    "Locked out of the shared drive again lol. Sandra, can you work your magic?",
    "Password reset sorted, ta Tom.",
    "The laptop died halfway through the minutes. Typing them up from my notes tonight.",
    "Knackered after the fete. Never again (until next year).",
    "Cheers Gary, the gazebos are back in the depot.",
    "Haha, Cllr Harper turned up a week early for the planning meeting.",
    "Ta for the biscuits, Mrs Okafor!",
    "Anyone know where the extension lead went? It was in the hall cupboard on Friday.",
    "Lol, the projector has decided it only works upside down.",
    "Morning all. Printer's jammed again, engineer booked for 11.",
    "Who's got the key to the pavilion? The cricket lot are waiting.",
    "Back in the office Monday. Have a good weekend all!",
    "Working from home today, ring my mobile if you need me.",
    "Cllr Walsh says thanks for the card, she's home from hospital and doing well.",
    "Everyone knows the Christmas lights switch-on is the best night of the year in Ashcombe.",
    "I'll be waiting outside the hall after the meeting to help pack away.",
    "We know where the leak is now. Roofer's coming Tuesday.",
    "Watch this space for the summer programme!",
    "Finished the asset register at last. Only took three cups of tea.",
    "Leave it with me, I'll sort it out first thing tomorrow.",
    "Cllr Goldberg will bring the urn for the coffee morning.",
    "The Deputy Clerk is off to the SLCC training day on Thursday, back Friday.",
    "Town Clerk's out at the county association meeting this afternoon.",
    "Cllr Begum sends apologies for tonight, her train's been cancelled.",
    "Can someone let Cllr Fenwick in? He's forgotten his fob again haha.",
    "The Mayor will be at the school assembly on Friday to hand out the cycling certificates.",
    "Sorry for the slow reply, we've been snowed under with allotment renewals.",
    "Ta very much for the flowers, they're on the front desk.",
    "Minutes typed, checked and sent. Time for a brew.",
    "Did anyone else's Teams just freeze or is it just me?",
    "The Wi-Fi in the Guildhall is rubbish again. IT company say it's the router.",
    "Spare chairs are stacked behind the stage if anyone needs them.",
    "Cllr Thompson has agreed to judge the scarecrow competition. Brave man.",
    "Lovely to see so many people at the Remembrance service this morning.",
    "Cllr Adeyemi will do the welcome at the citizenship ceremony.",
    "Who's coming to the quiz on Friday? We need a team name lol.",
    "Quick reminder that the office shuts at 1pm on Wednesdays.",
    "Bins on the rec have been emptied. Cheers Gary!",
    "The hanging baskets go up next week, weather permitting.",
    "Everyone knows the bowls club do the best teas in town.",
    "Got home at midnight after the count. Worth it though.",
    "Cllr Kaur has kindly offered to cover the stall on Saturday morning.",
    "The agenda's gone out, shout if I've missed anyone off the list.",
    "Just realised I sent the draft budget to the old email group. Resending now, sorry!",
    "Cllr Nowak and Cllr Reid have swapped seats on the planning committee.",
    "Sandra's made a sign for the door so nobody gets lost looking for the committee room.",
    "I'll watch the livestream from home tonight, I've got the grandkids.",
    "Thanks Karen, the room's booked for the 14th.",
    "Cllr O'Connor's retirement do is at the Red Lion on Friday, all welcome.",
    "Parks officer's out checking the play area after the storm.",
    "The new noticeboard is up outside the library. Looks smart!",
    "Can we move the finance meeting to half seven? Cllr Moss is stuck at work.",
    "Cllr Ellis proposed the grant, Cllr Patel seconded, all in favour.",
    "The caretaker says the boiler at the community centre is working again.",
    "Lol, someone's left a cake in the fridge labelled 'for the Mayor, hands off'.",
    "Tom's finished the website update, have a look and tell him what you think.",
    "Will the planning agenda be out by Friday? I'm away next week.",
    "Happy retirement, Mrs Okafor! Thirty years in the office and never missed a deadline.",
    "The shared drive is back up. Sorry for the hassle, everyone.",
    "Laptop died again, using the old desktop till the new one arrives.",
    "Is the coffee machine fixed yet or are we still on instant?",
    "Cllr Harper will open the new bench on the green on Saturday.",
    "Waiting for the electrician to turn up. He said between eight and twelve, classic.",
    "Haha yes, the town hall clock is an hour out again. Someone's on it.",
    "Not to worry, the deposit will go back to your card within five days.",
    "Cllr Shah is doing the reading at the carol service this year.",
    "Our ward councillor was pleased with the turnout at Saturday's surgery and says thank you.",
    "The chair of planning would like the site visit moved to Monday morning.",
    "I'll bring the tablecloths back after the meeting.",
    "Do we know where the spare gazebo weights are? Found one, missing three.",
    "The leader of the council will answer questions at the annual town meeting.",
    "Back to normal bin days from next week after the bank holiday.",
    "Home time! See you all tomorrow.",
    "Cllr Hughes has finished reading the tenders and will report on Tuesday.",
    "Everyone knows the first frost means the end of the hanging baskets. Compost next week.",
    "Watch out for the ducks crossing on Mill Road, they've had ducklings!",
    "Knackered but happy after the carnival. Thanks to every single volunteer.",
    "The assistant clerk has printed the agenda packs, they're in the pigeon holes.",
    "Cllr Walsh will be at the library drop-in from 10 till 12 on Saturday.",
    "Cheers for sorting the float, Cllr Begum!",
    "Sorry all, the Zoom link was wrong. New one's in the calendar invite.",
    "Market manager says the Saturday traders are back to full strength.",
    "Cemetery officer will be on leave next week, bookings go through the front office.",
    "The RFO has done the quarterly reconciliation, all balances agree.",
    "No idea where my reading glasses went. If you find them, they're mine lol.",
    "Cllr Goldberg sends his apologies, he's at his granddaughter's graduation.",
    "Lovely email from a resident thanking the groundsman for the daffodils.",
    "We'll get the photos from the fete up on the page by Monday.",
    "Cllr Dave Ellis is doing the bacon butties for the litter pick volunteers.",
    "Note for the minutes: the clock in the chamber is five minutes fast.",
    "Can someone tell Cllr Fenwick the meeting is in the Assembly Room, not the chamber?",
    "Hope everyone got home safely after the storm last night.",
    "Everyone knows the key to the pavilion sticks, just give it a wiggle.",
    "Will do, leave it with me.",
    "Ta muchly, that's the last of the expenses forms in.",
    "The Deputy Mayor will represent the town at the county show on Saturday.",
    "The parking warden has asked us to remind people about the market day restrictions.",
    "Loving the new planters on the high street, well done Ashcombe in Bloom!",
    "Councillor Jane Moss will be chairing the Christmas lights working group this year.",
    "Finished! Precept paperwork sent to the district council.",
    "Cllr Priya Shah has kindly agreed to be our tree warden.",
    "Cllr Reid's back from holiday and catching up on emails, be patient haha.",
    "The events officer is at the fireworks safety briefing this morning.",
    "The Town Clerk will sign the lease at Friday's meeting.",
    "Has the insurance renewal come in yet? It runs out at the end of the month.",
    "Just had a lovely call from a lady whose husband planted the oak on the green in 1977.",
    "Fire alarm test at 10 as usual, don't panic.",
    "The defib at the pavilion has been checked this week and it's all in order.",
    "Cllr Kaur and Cllr Thompson are going to tidy the war memorial garden on Sunday.",
    "The planning officer's report is late, so the item will be deferred to next month.",
    "Gary says the grit bins are all full, ready for the cold snap.",
    "Can I pop in after the meeting to drop off the raffle prizes?",
    "Welcome back Sandra, we missed you!",
    "Watch the first half of the match and then head over to the hall for the quiz?",
    "Cllr Patel asked me to say the footpath survey is finished and it's good news.",
    "Our clerk is on holiday, so please bear with us for replies this week.",
    "Haha, that'll teach me to trust the weather forecast. Fete gazebos everywhere.",
    "Sorry, we know where the fault is but the part won't arrive till Thursday.",
    "The Mayor's chain is back from being cleaned, looking very shiny.",
    "Pleased to report that all twelve plots on the new allotment site are let.",
    "Cllr Nowak's bringing her famous Polish cake to the volunteers' lunch.",
    "The woman on reception has put the lost property in a box by the door.",
    "Lol the kettle has finally given up. Office whip-round for a new one?",
    "Going home via the post office, anything to send?",
    "I will get the draft minutes to you by Wednesday, promise.",
    "Everyone knows Cllr Harper can't resist a tombola.",
    "Everyone knows Sandra keeps the good pens in her drawer.",
    "The old minute books are going back to the county record office on Friday.",
    "Tell Cllr Moss the bowls club said yes to the lease terms.",
    "Sorted! Cllr Begum found the missing invoice in her car.",
    "Hi all, quick one: who has the master key for the allotment gates?",
    "Lovely meeting tonight, all done by half eight for once.",
    "Fab turnout at the coffee morning, £212 raised for the air ambulance.",
    "The lad who empties the bins found a wedding ring in the park and handed it in.",
    "The cemetery's new gates are on. Gary did a lovely job.",
    "Cheers for covering the phones while I was at the dentist.",
    "Reminder: clocks go back on Sunday, the office alarm will need resetting.",
    "Cllr Fenwick is on a course all day, his phone will be off.",
    "The new town guide has gone to print. Watch out for it in the shops next month.",
    "Laptop's been rebuilt, all your files are safe.",
    "Forgot my password again lol. Tom to the rescue.",
    "Tea and cake in the office at 3 for Cllr Ellis's birthday!",
    "Residents asked us to thank the Deputy Clerk for sorting the Blue Badge forms.",
    "What time does the hall need to be cleared by on Saturday night?",
    "I'll be back after lunch to finish the agenda.",
    "All done for the night. Chairs stacked, heating off, lights off.",
    "The caretaker's found the missing tablecloths. They were in the boiler room, obviously.",
    "The Town Clerk sends her thanks for all the retirement cards.",
    "Cllr O'Connor says the carol singers will meet at the war memorial at six.",
    "Sorry, couldn't make it tonight, stuck at home with a poorly dog.",
    "After the meeting we're all going for a quick one at the Crown, come along.",
    "Who's watching the bake-off entries so nobody pinches a slice?",
    "Just back from the site visit. Muddy but worth it.",
    "Thanks for all your hard work on the fete, everyone. Go home and put your feet up!",
]

# Fillers for the everyday-business templates (people come from COUNCILLORS and STAFF).
CB_MEMBERS = [c for c in COUNCILLORS if c[0].startswith(("Cllr", "Councillor"))]
CB_CHAIRS = ["the Chair", "the Mayor", "the Deputy Mayor", "the chair of planning"]
CB_RESIDENTS = [
    "Mrs Wilson", "Mr Hall", "Margaret from Sheep Street", "Pat on Orchard Way", "Mr Kowalski",
    "Mrs Bibi", "Derek at number 12", "Joan Ridley", "Mr and Mrs Green", "Sue from the allotment society",
    "Mr Singh", "Mrs Adebayo", "Ray from the bowls club", "Linda Marsh", "Mr O'Brien", "Mrs Chowdhury",
]  # fmt: skip
CB_SIGNOFFS = ["Pat", "Jo", "Sam", "Mel", "Chris", "Bev", "Alison", "Rob"]
CB_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Tuesday the 9th",
           "Thursday evening", "the 14th", "the 28th", "Friday lunchtime"]
CB_DATES = ["12 March", "3 June", "9 September", "21 November", "14 January", "30 April", "8 July"]
CB_TIMES = ["7pm", "7.30pm", "6.30pm", "10am", "2pm", "8.45pm", "9.15pm"]
CB_MONTHS = ["March", "June", "September", "the autumn", "the new year", "the spring"]
CB_MEETINGS = [
    "full council", "the planning committee", "the finance committee", "the amenities committee",
    "the staffing committee", "the annual town meeting", "the annual parish meeting",
    "the open spaces committee", "the policy and resources committee",
]  # fmt: skip
CB_GROUPS = [
    "the Christmas lights working group", "the neighbourhood plan steering group",
    "the climate action group", "the allotments working group", "the youth council",
    "the events working group", "the parks and open spaces group", "the twinning association",
    "the communications working group", "the cemetery working group",
]  # fmt: skip
CB_PAPERS = [
    "the draft budget", "the risk assessment", "the revised standing orders", "the grant applications",
    "the asset register", "the quotes for the bus shelter", "the internal audit report",
    "the draft minutes", "the events calendar", "the insurance renewal", "the play area inspection report",
    "the financial regulations", "the tree survey", "the annual governance statement",
    "the bank reconciliation", "the draft newsletter",
]  # fmt: skip
CB_EVENTS = [
    "the summer fete", "the Christmas lights switch-on", "the Remembrance parade", "the Easter egg hunt",
    "the carnival", "the spring litter pick", "the jubilee picnic", "the scarecrow festival",
    "the bonfire night display", "the duck race", "the open-air cinema", "the carol service",
    "the food festival", "the Armistice coffee morning", "the dog show", "the May Day fair",
]  # fmt: skip
CB_VENUES = ["the Guildhall", "the Assembly Room", "the community centre", "the pavilion", "the library",
             "the town hall", "the Methodist church hall", "the scout hut", "the council chamber"]
CB_ORGS = [
    "the Scouts", "the food bank", "the bowls club", "Ashcombe in Bloom", "the Friends of the Park",
    "the carers' group", "the youth football club", "the over-60s lunch club", "the heritage society",
    "the Men's Shed", "the WI", "the community choir", "the Brownies", "the riding for the disabled group",
]  # fmt: skip
CB_AMOUNTS = ["£250", "£500", "£750", "£1,000", "£1,200", "£300", "£400", "£650", "£2,000"]
CB_IT = ["the shared drive", "the council email", "the booking system", "the website", "the planning portal",
         "the office printer", "the Wi-Fi", "Teams", "the finance software", "the new laptop", "the VPN"]
CB_APPS = [
    "a rear extension on Mill Road", "two new houses behind the Red Lion", "a loft conversion on Church Street",
    "the change of use at the old bank", "a garage conversion on Orchard Way", "a shopfront sign on Market Hill",
    "solar panels on the school roof", "a dormer window at 4 Station Road", "the new farm shop at Brook Farm",
    "six affordable homes off School Lane", "a replacement porch on Harrow Lane",
]  # fmt: skip
CB_SITES = ["the Westfield allotments", "the Brook Lane site", "the Gallows Hill allotments", "the Church Lane plots"]
CB_PLOTS = ["plot 14", "plot 3a", "half plot 22", "plot 9", "plot 31", "plot 7b"]
CB_WARDS = ["North", "South", "East", "West", "Castle", "Abbey", "Priory", "Riverside"]
CB_STREETS = ["Church Street", "Mill Road", "Sheep Street", "Market Hill", "Station Road", "Harrow Lane", "the High Street"]
CB_REASONS = ["work commitments", "illness", "a holiday", "a family commitment", "jury service", "a hospital appointment"]
CB_VOTES = ["carried unanimously", "carried with one abstention", "carried, six votes to two",
            "carried on the Chair's casting vote", "not carried, three votes to five"]
CB_NUMS = ["nine", "twelve", "fourteen", "twenty-three", "forty", "sixty-odd", "eighty"]
CB_SEASONS = ["summer", "autumn", "winter", "spring", "Christmas", "half-term"]
CB_ITEMS = [str(n) for n in range(3, 16)]

# Templates. Slots: {c}/{c2}/{c3} members (Cllr ...), {m} any councillor filler, {s}/{s2} staff,
# {x} anyone, {v}/{sv} how {x}/{s} is addressed, {ch} a chair, {r} a resident, and the CB_ lists.
CB_TEMPLATES = [
    # minutes
    "Minutes: {C} took the chair. Apologies were received from {c2} and {c3}.",
    "Apologies for absence were received from {c2} ({reason}). {C} will chair the meeting.",
    "{C} proposed and {c2} seconded that {paper} be approved; {votes}.",
    "{C} proposed that the grant of {amount} to {org} be approved, seconded by {c2}, and it was {votes}.",
    "Declarations of interest: {c} declared a non-pecuniary interest in item {n} as a member of {org}.",
    "{C} declared an interest in the application for {app} and left the room for that item.",
    "Members resolved to co-opt {r} to fill the vacancy in {ward} ward, and {ch} welcomed them to the council.",
    "{C} gave a report from {wg}; the notes of its last meeting were circulated with the agenda.",
    "The Clerk circulated {paper} before the meeting, and {c} asked that it be noted.",
    "Resolved: to approve the minutes of the meeting held on {date} as a correct record, proposed by {c} and seconded by {c2}.",
    "{C} reported that {event} had gone well and thanked {s} for all the work behind the scenes.",
    "Members considered {paper}. {C} asked that it come back to {meeting} in {month}.",
    "{Ch} closed the meeting at {time} and thanked members of the public for attending.",
    "Public participation: {r} asked about {t}. {C} will reply in writing.",
    "{C} will chair {meeting} on {day}; {c2} has sent apologies because of {reason}.",
    "{C} voted against, {c2} abstained, and the motion on {t} was {votes}.",
    "{C} will stand down as chair of {meeting} in May; members thanked them warmly for four years in the role.",
    "Minute {n}: {s} reported on {t}, and members agreed to take no further action until {month}.",
    # agendas
    "Agenda item {n}: to receive a report from {wg}.",
    "Agenda item {n}: to consider a request from {org} for a grant of {amount}.",
    "Agenda item {n}: to note the Clerk's report on {t} and agree next steps.",
    "Agenda item {n}: planning consultation on {app}; members to agree a response.",
    "Agenda item {n}: to consider co-option to the vacancy in {ward} ward.",
    "Agenda item {n}: to agree the precept and the budget behind it, as recommended by {meeting}.",
    "Agenda for {meeting} on {day}: apologies, declarations of interest, minutes, {t}, correspondence.",
    "The agenda for {meeting} is on the noticeboard and the website. {C} will take public questions at {time}.",
    # emails
    "Hi {sv}, could you circulate {paper} to members before {day}? Thanks, {sign}",
    "Dear {v}, thank you for your email about {t}. I will raise it at {meeting} on {day}. Kind regards, {sign}",
    "Dear all, the draft minutes of {meeting} are now on the website. Please send any corrections to {s} by {day}.",
    "Hi all, {s} is on leave until {day}, so please send anything urgent about {t} to {s2}.",
    "Dear {sv}, please accept my apologies for {meeting} on {day}; I'm away with work. Best wishes, {c}",
    "Reminder: comments on the planning consultation for {app} are due to {s} by {day}.",
    "{S} has booked {venue} for {event}; the risk assessment will follow this week.",
    "Quick one, {sv}: do we have the invoice for {t} yet? The RFO needs it for the bank reconciliation.",
    "Hi {v}, I'll be back in the office on {day} and will sort out the quotes for {t} then.",
    "Dear {v}, the office will be closed on {day} for staff training. Normal hours resume the next morning.",
    "Hi {sv}, {c} would like a copy of {paper} before {meeting}. Can you email it over? Ta, {sign}",
    # posts
    "Everyone knows {event} is the best day of the year in Ashcombe, so put {day} in your diary!",
    "Watch this space for the {season} programme in {venue}, which {s} is putting together now.",
    "Watch this space: the full programme for {event} goes up on {day}!",
    "Office hours this week: Monday to Thursday, 9.30am to 1pm. {S} will be on the front desk.",
    "Allotment news: {plot} at {site} has been let to {r}. The waiting list is down to {num}.",
    "Congratulations to {org} on their grant of {amount} from the community fund, presented by {ch}!",
    "The precept for next year has been set. {C} will explain the figures at {meeting} on {day}.",
    "Thank you to everyone who helped at {event}, and a special thank you to {s}!",
    "We know where the leak is now: it's the gutter over {venue}. Roofers are booked for {day}.",
    "The minutes of {meeting} are now published on our website, along with {paper}.",
    "Grant applications from community groups close on {day}. {S} can help with the form.",
    "{C} and {c2} will be at the market stall on {day} if you want a chat about {t}.",
    "Please welcome {r}, who was co-opted onto the council last night and will represent {ward} ward.",
    "Volunteers wanted for {event}! Sign up with {s} or just turn up at {venue} on {day}.",
    "{Ch} will open {event} at {time} on {day}, with {org} doing the refreshments.",
    "Watch out for the road closure on {street} on {day}; it's for {event}.",
    "I will see you all at {event}! {C} will do the raffle draw at {time}.",
    "After the meeting on {day}, {c} will show people the plans for {t} in {venue}.",
    # replies
    "Thanks {v}, that's really helpful. Will you be at {meeting} on {day}?",
    "Cheers {v}, I'll pass that on to my neighbour about {t}.",
    "Replying for the office: {s} is looking into {t} and will update this thread by {day}.",
    "Good question! {C} is taking {t} to {meeting}, so watch this space.",
    "Hi {r}, {s} will ring you back about {t} on {day}. Thanks for your patience.",
    "We'll sort it out, {r}. Leave it with {s} and we'll get back to you by {day}.",
    # residents
    "Is anyone else having trouble with {t}? Not having a go, just wondering who to ask.",
    "Who do I speak to about {t}? I emailed {s} last week but haven't heard back yet.",
    "Any news on {t}? {C} said it would be finished by {month}.",
    "A bit fed up with {t}, to be honest. Can the council sort it out before {event}?",
    "Does anyone know where the key for {venue} is kept? {Org} have it booked on {day}.",
    "Will {event} still go ahead if it rains on {day}? {C} might know.",
    "When will {t} be finished? Only asking because my mum goes past it every day.",
    "Does {c} still hold a surgery at {venue} on {day}? I want to ask about {t}.",
    # back, home, finished, after the meeting, know where, will
    "{S} is home with a cold today, so {s2} is covering the phones. Back on {day}, we hope!",
    "{C} is back from holiday and will pick up the emails about {t} on {day}.",
    "The work on {t} is finished at last, and {ch} will do the official opening on {day}.",
    "I'll be waiting outside {venue} after the meeting to help {s} pack away the chairs.",
    "If you need a lift home after {meeting}, {c} is going your way and has offered.",
    "Everyone knows {s} makes the best cake at {event}; save a slice for {c}.",
    "{C} knows where the spare keys for {venue} are kept if {s} isn't in.",
    "The contractor will be back on {day} to finish {t}. Sorry for the wait.",
    "{S} will put the agenda on the noticeboards on {day}, and it will go on the website the same day.",
    "{C} has finished the draft of {paper} and sent it to {s} to circulate.",
    "Members are asked to read {paper} before {day}, as {c} will ask for a vote on it.",
    # IT
    "Locked out of {it} again lol. {Sv}, any chance of a password reset?",
    "{Spp} laptop died in the middle of {meeting} haha. Minutes to follow once it's charged.",
    "Password reset done, {v}. Try logging in to {it} again and shout if it still won't let you in.",
    "{It} is down again. {S} has rung the IT company and they'll fix it by {day}.",
    "Can someone remind me how to get on {it}? The new password thing has beaten me again.",
    "Note for members: {it} will be offline on {day} for updates. {S} will email when it's back.",
    # office chat
    "Knackered after {event} lol. Thanks {v} for the tea!",
    "Cheers {v}, you're a star. See you at {meeting}.",
    "Ta {sv}, got the keys for {venue}. Will drop them back after {meeting}.",
    "Haha, {s} won the tombola at {event} for the third year running.",
    "Morning all, kettle's on. {S} is in late today, dentist. {C} rang about {t}.",
    "Who's doing the biscuits for {meeting}? {C} says they'll bring the good ones lol.",
    "Lol, {s} just found the raffle tickets for {event} in the stationery cupboard.",
    "Huge thanks to {c} for chairing {meeting} last night, and to {s} for taking the minutes.",
    "Thank you {r} for your kind card. {S} has pinned it up in the office.",
    "Planning consultation: {app}. Comments to {s} by {day}, ahead of {meeting}.",
    "We've had {num} responses to the consultation on {t}. {C} will report them to {meeting}.",
    "There's a vacancy in {ward} ward, which the council will fill by co-option. Ask {s} for an application pack.",
]

CB_ROWS = 1650  # everyday-business template rows; with COUNCIL_CHAT about 1,800 new clean rows
CB_MIN_WORDS, CB_MAX_WORDS = 4, 40


def cb_fill(template: str, rng) -> str:
    """Fill one everyday-business template with the shared person fillers."""
    c, c2, c3 = rng.sample(CB_MEMBERS, 3)
    (s, sp), (s2, _) = rng.sample(STAFF, 2)
    x = rng.choice(STAFF + COUNCILLORS)[0]
    ch = rng.choice(CB_CHAIRS + [m[0] for m in COUNCILLORS[15:17]])
    it, org = rng.choice(CB_IT), rng.choice(CB_ORGS)
    slots = {
        "c": c[0], "C": cap(c[0]), "c2": c2[0], "c3": c3[0], "x": x, "v": VOCATIVE.get(x, x),
        "s": s, "S": cap(s), "Spp": cap(sp), "s2": s2, "sv": VOCATIVE.get(s, s), "Sv": cap(VOCATIVE.get(s, s)),
        "ch": ch, "Ch": cap(ch), "r": rng.choice(CB_RESIDENTS), "sign": rng.choice(CB_SIGNOFFS),
        "t": rng.choice(TOPICS), "day": rng.choice(CB_DAYS), "date": rng.choice(CB_DATES),
        "time": rng.choice(CB_TIMES), "month": rng.choice(CB_MONTHS), "meeting": rng.choice(CB_MEETINGS),
        "wg": rng.choice(CB_GROUPS), "paper": rng.choice(CB_PAPERS), "event": rng.choice(CB_EVENTS),
        "venue": rng.choice(CB_VENUES), "org": org, "Org": cap(org), "amount": rng.choice(CB_AMOUNTS),
        "it": it, "It": cap(it), "app": rng.choice(CB_APPS), "site": rng.choice(CB_SITES),
        "plot": rng.choice(CB_PLOTS), "ward": rng.choice(CB_WARDS), "street": rng.choice(CB_STREETS),
        "reason": rng.choice(CB_REASONS), "votes": rng.choice(CB_VOTES), "num": rng.choice(CB_NUMS),
        "season": rng.choice(CB_SEASONS), "n": rng.choice(CB_ITEMS),
    }  # fmt: skip
    return template.format(**slots)


PREFIXES = ["@AshcombeTC ", "@AshcombeGazette ", "FAO the Clerk: "]
SUFFIXES = [" #Ashcombe", " #AshcombeTC", " Regards, Pat", " Sent from my iPhone", " Thanks.",
            " Rant over.", " Just saying."]


EMAIL_OPENINGS = [
    "Dear Clerk, I have lived in Ashcombe for thirty years and never had cause to write before, but here goes.",
    "Dear Sir or Madam, I am writing to you after last night's meeting, which I watched on the livestream.",
    "To whom it may concern, please circulate this email to all members before the next full council meeting.",
]
EMAIL_CLOSINGS = [
    "I look forward to your reply within the usual ten working days. Yours faithfully, R. Wilson",
    "Please add this email to the correspondence for the next meeting. Regards, Margaret (Sheep Street)",
    "I am copying this to the Gazette and to our county councillor. Yours sincerely, D. Hall",
]


def wrap(text: str, rng) -> str:
    """Register dressing (tweet handle, email frame, sign-off), same odds for every label."""
    if rng.random() < 0.07:
        framed = f"{rng.choice(EMAIL_OPENINGS)} {text} {rng.choice(EMAIL_CLOSINGS)}"
        if len(framed.split()) <= 60:
            return framed
    if rng.random() < 0.12:
        text = rng.choice(PREFIXES) + text
    if rng.random() < 0.15:
        text = text + rng.choice(SUFFIXES)
    return text


def template_rows(rng, seen: set[str], functional, evalset, detector: set[str], held_out: set[str],
                  stats: Counter) -> list[dict]:
    rows = []
    for name, label, group, char_source, n, wrapped, templates in TEMPLATE_FAMILIES:
        made = attempts = 0
        while made < n and attempts < n * 40:
            attempts += 1
            text, g, char = fill(rng.choice(templates), rng, char_source, group)
            if wrapped:
                text = wrap(text, rng)
            key = dedupe_key(text)
            if key in seen:
                stats["template duplicate skipped"] += 1
                continue
            if (text in detector or key in held_out
                    or near_functional(text, functional)[0] >= TEMPLATE_JACCARD_LIMIT):
                stats["template too close to functional suite, skipped"] += 1
                continue
            if near_functional(text, evalset)[0] >= EVAL_JACCARD_LIMIT:
                stats["template too close to eval set, skipped"] += 1
                continue
            seen.add(key)
            rows.append(row(text, label, g, char, "template:" + name))
            made += 1
        if made < n:
            stats[f"template family {name} short by {n - made}"] += 1
    return rows


def council_business_rows(rng, seen: set[str], functional, evalset, detector: set[str],
                          held_out: set[str], stats: Counter) -> list[dict]:
    """CB_ROWS clean everyday-business rows from CB_TEMPLATES (own RNG, so the rows above stay put)."""
    rows = []
    attempts = 0
    while len(rows) < CB_ROWS and attempts < CB_ROWS * 40:
        attempts += 1
        text = cb_fill(rng.choice(CB_TEMPLATES), rng)
        wrapped = wrap(text, rng)
        if len(wrapped.split()) <= CB_MAX_WORDS:
            text = wrapped
        if not CB_MIN_WORDS <= len(text.split()) <= CB_MAX_WORDS:
            stats["council business template outside 4-40 words, skipped"] += 1
            continue
        key = dedupe_key(text)
        if key in seen:
            stats["template duplicate skipped"] += 1
            continue
        if (text in detector or key in held_out
                or near_functional(text, functional)[0] >= TEMPLATE_JACCARD_LIMIT):
            stats["template too close to functional suite, skipped"] += 1
            continue
        if near_functional(text, evalset)[0] >= EVAL_JACCARD_LIMIT:
            stats["template too close to eval set, skipped"] += 1
            continue
        seen.add(key)
        rows.append(row(text, "clean", "council_business", None, "template:cb_everyday"))
    if len(rows) < CB_ROWS:
        stats[f"template family cb_everyday short by {CB_ROWS - len(rows)}"] += 1
    return rows


def obfuscate(text: str, rng) -> str | None:
    for word in sorted(OBFUSCATIONS, key=len, reverse=True):
        m = re.search(rf"\b{re.escape(word)}\b", text, flags=re.IGNORECASE)
        if m:
            variant = rng.choice(OBFUSCATIONS[word])
            if m.group(0)[:1].isupper():
                variant = cap(variant)
            return text[: m.start()] + variant + text[m.end():]
    return None


def build() -> tuple[list[dict], Counter]:
    import random

    rng = random.Random(SEED)
    # Held out for Jaccard: the functional suite plus the unit tests' string literals.
    test_strings = load_test_strings()
    functional = load_functional() + test_strings
    evalset = load_eval()
    detector = load_detector_examples()
    exact_held_out = {dedupe_key(t) for t, _ in test_strings}
    stats: Counter = Counter()
    problems: list[str] = []

    rows: list[dict] = []
    seen: dict[str, dict] = {}
    for r in hand_rows():
        key = dedupe_key(r["text"])
        if key in seen:
            if (seen[key]["label"], seen[key]["group"]) != (r["label"], r["group"]):
                problems.append(f"conflicting duplicate: {r['text']!r}")
            stats["hand duplicate dropped"] += 1
            continue
        seen[key] = r
        rows.append(r)
    rows += template_rows(rng, set(seen), functional, evalset, detector, exact_held_out, stats)

    # ~5% of abusive rows get an obfuscated spelling (template rows only).
    abusive = [i for i, r in enumerate(rows) if r["label"] != "clean"]
    candidates = [i for i in abusive if rows[i]["_source"] != "hand" and obfuscate(rows[i]["text"], random.Random(0))]
    k = min(len(candidates), round(0.05 * len(abusive)))
    for i in sorted(rng.sample(candidates, k)):
        rows[i]["text"] = obfuscate(rows[i]["text"], rng)
        rows[i]["_source"] += "+obfuscated"
    stats["obfuscated abusive rows"] = k

    # Everyday council business (clean), with its own RNG so the rows above do not move.
    rows += council_business_rows(random.Random(SEED + 1), {dedupe_key(r["text"]) for r in rows},
                                  functional, evalset, detector, exact_held_out, stats)

    # Final dedupe (obfuscation could in principle collide) and checks on every row.
    final, keys = [], set()
    for r in rows:
        key = dedupe_key(r["text"])
        if key in keys:
            stats["late duplicate dropped"] += 1
            continue
        keys.add(key)
        final.append(r)
    for r in final:
        text = r["text"]
        if r["label"] not in LABELS or r["group"] not in GROUPS:
            problems.append(f"bad label/group {r['label']}/{r['group']}: {text!r}")
        if r["characteristic"] is not None and r["characteristic"] not in CHARACTERISTICS:
            problems.append(f"bad characteristic {r['characteristic']!r}: {text!r}")
        if r["label"] == "hate" and r["characteristic"] is None:
            problems.append(f"hate row without characteristic: {text!r}")
        n_words = len(text.split())
        if not 3 <= n_words <= 60:
            problems.append(f"{n_words} words: {text!r}")
        if text in detector:
            problems.append(f"detector example repeated: {text!r}")
        if dedupe_key(text) in exact_held_out:
            problems.append(f"test string repeated: {text!r}")
        j, ftext = near_functional(text, functional)
        if j >= JACCARD_LIMIT:
            problems.append(f"Jaccard {j:.2f} with held-out {ftext!r}: {text!r}")
        j, etext = near_functional(text, evalset)
        if j >= EVAL_JACCARD_LIMIT:
            problems.append(f"Jaccard {j:.2f} with eval text {etext!r}: {text!r}")
    if problems:
        print(f"refusing to write {OUT_PATH.name}: {len(problems)} problem(s)", file=sys.stderr)
        for p in problems:
            print("  " + p, file=sys.stderr)
        sys.exit(1)
    return final, stats


def check_balance(rows: list[dict]) -> list[str]:
    n = len(rows)
    labels = Counter(r["label"] for r in rows)
    issues = []
    if not 2500 <= n <= 7000:
        issues.append(f"{n} rows, want 2,500-7,000")
    # Shares were lowered when ~1,800 clean everyday-business rows were added (the abusive
    # rows themselves did not change).
    minimum = {"clean": 0.35, "hate": 0.08, "threat": 0.06, "insult": 0.07, "harassment": 0.04,
               "sexual": 0.03, "profanity": 0.03}
    for label, share in minimum.items():
        if labels[label] < share * n:
            issues.append(f"{label} is {labels[label] / n:.1%}, want >= {share:.0%}")
    hate_chars = Counter(r["characteristic"] for r in rows if r["label"] == "hate")
    for c in CHARACTERISTICS:
        if hate_chars[c] < 20:
            issues.append(f"only {hate_chars[c]} hate rows for {c}")
    hand = {dedupe_key(r["text"]) for r in rows if r["_source"] == "hand"}
    if len(hand) < 800:
        issues.append(f"only {len(hand)} hand-written rows")
    return issues


def report(rows: list[dict], stats: Counter) -> None:
    n = len(rows)
    print(f"{n} rows -> {OUT_PATH.relative_to(REPO_ROOT)}")
    print("\nper label:")
    labels = Counter(r["label"] for r in rows)
    for label in LABELS:
        print(f"  {label:<12} {labels[label]:>5}  {labels[label] / n:6.1%}")
    print("\nper group (label mix):")
    for group in GROUPS:
        sub = [r for r in rows if r["group"] == group]
        mix = ", ".join(f"{k} {v}" for k, v in sorted(Counter(r["label"] for r in sub).items()))
        print(f"  {group:<18} {len(sub):>5}  ({mix})")
    print("\nhate rows per characteristic / clean rows per characteristic:")
    for c in CHARACTERISTICS:
        h = sum(r["label"] == "hate" and r["characteristic"] == c for r in rows)
        cl = sum(r["label"] == "clean" and r["characteristic"] == c for r in rows)
        print(f"  {c:<32} {h:>4} / {cl:>4}")
    hand = sum(r["_source"] == "hand" for r in rows)
    print(f"\nhand-written {hand}, template {n - hand}")
    for k, v in sorted(stats.items()):
        print(f"  {k}: {v}")


def main() -> int:
    rows, stats = build()
    issues = check_balance(rows)
    order = {label: i for i, label in enumerate(LABELS)}
    rows.sort(key=lambda r: (order[r["label"]], r["group"], r["text"]))
    with OUT_PATH.open("w", encoding="utf-8", newline="\n") as f:
        for r in rows:
            out = {k: r[k] for k in ("text", "label", "group", "characteristic")}
            f.write(json.dumps(out, ensure_ascii=False) + "\n")
    report(rows, stats)
    if issues:
        print("\nbalance targets missed:", *issues, sep="\n  ", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

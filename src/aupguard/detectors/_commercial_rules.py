"""The weighted phrases of the commercial detector (see `_phrases.PhraseRules`).

A rule is (triggers, weight, regex). Without a regex, each "|" alternative is a phrase
rule matched by the shared trigger scan alone ("{buy,order} now" brace-expands into
the phrases that count as one rule). With a regex, the "|"-separated words are where
it is run: only in a small window around them. Tuned on the SpamAssassin public corpus
(spam vs. easy/hard ham) and on private-sale and party-plan wording.
"""

from __future__ import annotations

from aupguard.detectors._phrases import MEDIUM, STRONG, WEAK, RuleSpec

S, M, W = STRONG, MEDIUM, WEAK
_PRICE = r"[£$€]\s?\d[\d,]*(?:\.\d\d)?k?"
_PERIOD = r"(?:a|per|/)\s*(?:week|wk|night|month|pcm)"
# Party-plan / network-marketing brands sold by friends and neighbours.
_PLAN = (r"avon|forever\s+living|herbalife|younique|arbonne|oriflame|kleeneze|betterware|"
         r"tupperware|juice\s+plus|scentsy|partylite|usborne|utility\s+warehouse|"
         r"phoenix\s+trading|neal'?s\s+yard|temple\s+spa")
_PLAN_SELL = (r"orders?|ordering|catalogues?|brochures?|reps?|representative|products?|"
              r"team|business|sign\s+up|discounts?|sale|selling|buy|pamper|party|parties")
_PLAN_TRIG = ("avon|forever living|herbalife|younique|arbonne|oriflame|kleeneze|betterware|"
              "tupperware|juice plus|scentsy|partylite|usborne|utility warehouse|"
              "phoenix trading|yard|temple spa")
_EMAIL = "{email,e mail}"

RULES: list[RuleSpec] = [
    # --- strong: calls to buy, offers, spam furniture, get-rich pitches
    ("now|today", S, r"(?:buy|order|shop|call|apply|respond|reply)\s+(?:now|today)$"),
    ("click", S, r"^click\s+(?:here|below|on\s+(?:the|this)\s+link)\s+(?:to|and|for)\s+"
     r"(?:order|buy|claim|get|receive|start|join|apply|sign|subscribe|be\s+removed|remove|"
     r"unsubscribe|see|visit|save|request|download|learn|enter|qualify|win|find\s+out)"),
    ("offer|offers", S, r"(?:limited|special|exclusive|introductory|one[- ]time|today'?s)\s+"
     r"(?:time\s+)?offers?$"),
    ("off|discount", S, r"(?<!up\sto\s)\d{1,2}\s*(?:%|per\s*cent|percent)\s+(?:off|discount)$"),
    ("off|discount", M, r"up\s+to\s+\d{1,2}\s*(?:%|per\s*cent|percent)\s+(?:off|discount)$"),
    ("save|discount", S, r"^(?:save|discount\s+of)\s+\d{1,2}\s*(?:%|per\s*cent|percent)"),
    ("money back guarantee{,d}|risk free|no obligation|satisfaction guaranteed", S, None),
    ("100", S, r"^100\s*%\s+(?:free|guaranteed|satisfaction|natural|legal)"),
    ("free {trial,quote,quotes,consultation,gift,report,sample,membership,estimate,"
     "information kit,bonus,long distance,cable,hosting,pills,meds}", S, None),
    ("{dm,pm,message,inbox,contact,text,ring,call} me for {prices,a quote,quotes,rates,"
     "details,bookings,orders}", S, None),
    ("{check out,visit,like,follow,support} my {,new ,online ,facebook ,small }"
     "{business,shop,store,etsy,page,website}", S, None),
    ("business", S, r"my\s+(?:own\s+|new\s+|small\s+|little\s+|online\s+|family\s+)?"
     r"(?:cleaning|catering|baking|cake|dog[- ]walking|gardening|photography|beauty|nail|"
     r"hair|tutoring|decorating|building|plumbing|handyman|window[- ]cleaning|massage|"
     r"fitness|jewellery|candle|crafts?)\s+business$"),
    ("removed", S, r"^removed\s+from\s+(?:our|this|the|any|future)\s+"
     r"(?:\w+\s+){0,2}(?:list|mailings?)"),
    ("compliance", S, r"(?:this|the)\s+(?:e-?mail|message)\s+(?:is|was)\s+(?:being\s+)?sent\s+"
     r"(?:to\s+you\s+)?in\s+compliance$"),
    ("{is,this} not {,a }spam|s 1618|s1618|opt{ ,}out {link,here}", S, None),
    ("{work,working} from home|be your own boss|financial freedom|extra {cash,income}|"
     "{residual,passive} income|{make,earn} {money,cash} {fast,online,from home,while}|"
     "{business,investment,ground floor} {opportunity,opportunities}|downline|"
     "join my team|{lowest,best,low,great} {mortgage,interest,insurance} rate{,s}|"
     "debt consolidation|{bad,poor} credit|credit {repair,report}{,s}|pre approved|preapproved|"
     "lower your {,monthly }{payment,payments,rate,rates,bill,bills}|viagra|cialis|hgh|"
     "{penis,breast} enlargement|weight loss|you{'ve, have} {been selected,won}|"
     "claim your {free,prize,reward,gift,cash,bonus}|"
     "{reasonable,competitive,unbeatable,wholesale,discount} {rates,prices}|"
     "buy one get one|half price|while {supplies,stocks} last|{don't,dont,do not} miss "
     "{out,this}|once in a lifetime|{bulk,targeted} " + _EMAIL + "|" + _EMAIL + " marketing|"
     "{multi level,network,fax,cell,cellular} marketing|mlm|millions of {" + _EMAIL[1:-1] +
     ",targeted}|{hot,penny} stock{,s}|forward looking statements|toll free|tollfree|"
     "{we,i} accept {,all }{,major }credit cards|{transfer,remit} {the,this} {sum,fund,funds,"
     "amount}|business {proposal,relationship} with you|next of kin|no {credit check,"
     "experience necessary,experience required,selling}|get paid to|one time mailing|"
     "{from,in} the comfort of your {,own }home|consolidate your debt{,s}|"
     "promote your {business,product,products,website,web site,site}|{beat,match} any price|"
     "cell{,ular} phone plan", S, None),
    ("earn|make|making", S, r"^(?:earn|make|making)\s+(?:up\s+to\s+|over\s+)?[$£]?\d[\d,]*k?\s+"
     r"(?:or\s+more\s+)?(?:a|per|each|every)\s+(?:week|month|day|year)"),
    ("lose", S, r"^lose\s+(?:up\s+to\s+)?\d+\s+(?:lbs|pounds|kg)"),
    ("remove", S, r"^remove[\"']?\s+in\s+the\s+subject"),
    ("remove", S, r"^remove\s+you(?:r\s+(?:name|address|e-?mail))?\s+from\s+"
     r"(?:our|this|the)\s+(?:\w+\s+)?(?:mailing\s+)?list"),
    ("take you off {our,this,the} {,mailing }list|{,or }offers in the region of", S, None),
    ("usd", S, r"^usd\s*\d"),
    ("dollars", S, r"\d+(?:\.\d+)?\s+million\s+(?:united\s+states\s+|us\s+)?dollars$"),
    # --- private sales and lettings by residents, staff or members
    ("ono|ovno|o n o|offer|offers", S, r"\d[\d,]*k?\s*(?:ono|ovno|o\.n\.o|or\s+(?:near|"
     r"nearest|best)\s+offers?)$"),
    ("{want,wants,like,fancy} to {buy,purchase} {my,our}|interested in buying {my,our}|"
     "{buy,purchase} my {old,spare,unwanted}", S, None),
    ("{i'm,im,i am,we're,we are} selling {my,our}|selling my", M, None),
    ("sale", S, r"(?:my|our)\s+(?:\w+\s+){1,3}(?:is|are)\s+(?:up\s+)?for\s+sale$"),
    ("for sale", S, r"^for\s+sale\s*[:-]\s*(?:my|our|a|an)?\s*(?:\w+\s+){0,4}?[£$€]\s?\d"),
    ("holiday", S, r"^holiday\s+(?:let|home|cottage|flat|apartment|rental)[^.\n]{0,80}?"
     + _PRICE + r"\s*" + _PERIOD),
    ("cottage|caravan|lodge|chalet|apartment|villa", S, r"(?:my|our)\s+(?:\w+\s+)?(?:cottage|"
     r"caravan|lodge|chalet|apartment|villa)[^.\n]{0,80}?" + _PRICE + r"\s*" + _PERIOD),
    ("week|night|wk|pcm", M, _PRICE + r"\s*" + _PERIOD + "$"),
    ("{available,free} {to let,to rent,to hire,for rent,for hire}", M, None),
    ("{get,send,return,pass,drop,give} {,your ,any ,all }{order,orders} {,back }to me|"
     "{order,orders} {,back }to me by", S, None),
    (_PLAN_TRIG, S, rf"(?:{_PLAN})\W+(?:\w+\W+){{0,12}}?(?:{_PLAN_SELL})(?![a-z])"
     rf"|(?:{_PLAN_SELL}|joined|joining|signed\s+up\s+(?:to|with))\W+(?:\w+\W+){{0,8}}?"
     rf"(?:{_PLAN})"),
    ("{my,new,latest} {,new }{catalogue,brochure,catalog}", M, None),
    # --- medium: common in adverts, also in ordinary mail
    ("click {here,below}|unsubscribe {here,below,link}|{you are,you're} receiving this|"
     "if you {,no longer }wish to {be removed,unsubscribe,opt out,optout,stop receiving}|"
     "remove {me,your name,your address,your " + _EMAIL[1:-1].replace(",", ",your ") + "}|"
     "opt in|optin|opted in|{free,special} offer|offer {expires,ends,valid}|"
     "order {form,yours}|{order,buy} {online,direct}|"
     "{amazing,incredible,unbelievable,fantastic} {offer,deal,results,savings,opportunity}|"
     "{huge,massive,big,incredible,tremendous} {savings,discount,discounts}|"
     "{great,best} deal{,s}|{dear,hello} {friend,sir,madam}|guarantee|guaranteed|refinanc+|"
     "mortgage|{insurance,loan} quote{,s}|compare {quotes,prices}|for sale|discount|cheap+|"
     "{price,prices,rates} {start,from}|{visit,see} {our,my} {website,web site,site,shop,store}|"
     "{my,our} business|dm me|pm me|{credit,debit} card{,s}|{million,billion} dollars|"
     "confidential business|winner|prize|prizes|congratulations|promotion|advertisement|"
     "{no,without} {cost,risk,fee,fees}|{instant,immediate} {access,approval,cash}|"
     "{interest,mortgage,low} rates|low prices|{click,go} {,on }the link below|porn+|xxx|"
     "hardcore|live {sex,cam,cams}|job seeker{,s}|now only|"
     "removal instructions|wholesale|gift {card,certificate}|{fast,quick,instant} approval{,s}|"
     "{auto,car} loan{,s}|{hot,sexy} {girl,girls,babe,babes,teen,teens}|"
     "adult {site,video,videos,content}|{lose,losing,burn} {weight,fat}|anti aging|"
     + _EMAIL + " addresses|{limited,exclusive} {time,number}|act {now,today}|"
     "free {cd,dvd,website,web site,access,shipping,delivery,p p}", M, None),
    ("business", M, r"(?:my|our)\s+\w+\s+business$"),
    ("now|today", M, r"(?:sign\s+up|join|subscribe)\s+(?:now|today)$"),
    ("fill", M, r"^fill\s+out\s+(?:our|the|this)\s+(?:\w+\s+){0,2}form"),
    # --- weak single words
    ("unsubscribe|free|offer|sale|order|orders|buy|customer|customers|income|profit|profits|"
     "earn|cash|investor|investors|marketing|product|products|save|money|today|now|"
     "opportunity", W, None),
]

# Money amounts count once, whatever the figure; each regex runs near a "$", and only
# when the text has one of the words (last field) that every match contains.
LITERALS: list[tuple[str, float, str, str]] = [
    ("$", M, r"\$\d[\d,]*(?:\.\d\d)?", ""),
    ("$", M, r"(?<![a-z])(?:only|make)\s+\$", "only|make"),
    ("$", S, r"(?<![a-z])for\s+only\s+\$|(?<![a-z])us\$\s?\d", "only|us$"),
]

"""The words of the demo journal: names, places, what the demo person writes and says.

Kept apart from store.demo, which decides when each is used, as core.phase_text is from
core.phases.
"""

from __future__ import annotations

from typing import Final

# The phrases are packed by hand, many to a line: one to a line would triple this file.
# fmt: off
PEOPLE: Final = (
    "Maya", "Jonas", "Priya", "Tom", "my sister", "my brother", "Mum", "Dad", "Alex", "Sam",
    "Lena", "the neighbours", "my cousin", "Chris", "an old friend from school", "Noor",
)
PLACES: Final = (
    "the park", "the river path", "the old town", "the market", "the lake", "the library",
    "the climbing gym", "the café on the corner", "the hills", "the beach", "the garden",
    "the bookshop", "the forest trail", "the swimming pool", "the station",
)
ACTIVITIES: Final = (
    "went for a long walk", "cooked a proper dinner", "went for a run", "did an hour of yoga",
    "read for most of the afternoon", "cleaned the whole flat", "went swimming",
    "played guitar for a while", "tried a new recipe", "went to the gym", "took the bike out",
    "did the weekly shop without rushing", "fixed the shelf that had been wobbling for months",
    "sorted out old photos", "went to a pottery class", "watched a silly film",
    "sat in the sun with a book", "made soup for the week", "repotted the plants",
    "went to a concert", "walked the long way home", "baked bread", "wrote a letter to Gran",
    "painted the hallway", "went climbing", "started a new book",
)
OUTINGS: Final = frozenset({"went for a long walk", "went for a run", "took the bike out"})
LOW_FEELINGS: Final = (
    "Everything feels heavy today.", "I miss them more than I expected to.",
    "Woke up at four and couldn't get back to sleep.", "The flat is too quiet.",
    "I keep replaying the last argument.", "I almost texted. I didn't.",
    "Saw a couple laughing on the tram and had to look away.",
    "Their song came on in the shop and I had to leave.", "I feel like I failed at something big.",
    "Hard to focus on anything at work.", "Cried in the car, then felt a bit lighter.",
    "Ate cereal for dinner again.", "I checked their profile. Not proud of it.",
    "Everything reminds me of them.", "The weekend stretched out forever.",
    "I wonder if they think about me at all.", "I wrote three messages and deleted them all.",
    "Tired in a way sleep doesn't fix.", "Not much to say. Just a grey day.",
    "Hard not to blame myself for all of it.", "Couldn't face anyone today.",
    "Their jumper is still in the wardrobe.", "The evenings are the worst part.",
    "Felt angry for most of the day, then just sad.", "I don't know who I am without us yet.",
    "Everyone says it gets better. It doesn't feel like it.",
)
MID_FEELINGS: Final = (
    "An ordinary day, and that felt like progress.", "Some sadness, but it passed quicker.",
    "Thought about them once or twice, without the spiral.", "Work kept me busy, which helped.",
    "A quiet evening that didn't feel lonely.", "Up and down, but more up than down.",
    "Had a real laugh for the first time in a while.", "Slept through the night for once.",
    "Noticed I hadn't checked my phone all afternoon.", "A bit flat, but steady.",
    "I can think about the good times without it hurting as much.",
    "Small wins today. I'll take them.", "Felt restless, so I went outside.",
    "I'm starting to enjoy my own company again.", "Not a great day, not a bad one.",
    "Talked it through and felt clearer afterwards.", "Less noise in my head today.",
    "Remembered something funny they used to say and smiled.",
    "Some days I miss them, some days I miss who I was with them.",
    "I made plans for the weekend and actually want to go.",
    "The urge to reach out came and went.", "I wrote instead of texting. It helped.",
    "Felt a little proud of how I handled today.", "Steady. Boring, even. Good.",
)
HIGH_FEELINGS: Final = (
    "Genuinely happy today.", "I feel like myself again.", "Lots of energy; got loads done.",
    "A really good day from start to finish.", "Laughed so much my face hurt.",
    "I'm proud of the changes I've made.", "Felt light, calm and clear-headed.",
    "Looking forward to the week ahead.", "Caught myself singing in the kitchen.",
    "I realised I hadn't thought about the breakup all day.", "Felt strong on the run today.",
    "Grateful for the people around me.", "Work went really well; got good feedback.",
    "The kind of day I want more of.", "Felt confident, not needy.",
    "Calm about the future, whatever happens.", "I like the life I'm building.",
    "Everything felt easy today.", "Quietly content.", "I feel ready for what comes next.",
)
REFLECTIONS: Final = (
    "I think I'm learning to sit with the feeling instead of running from it.",
    "I want to talk less and listen more, with everyone.",
    "I used to go quiet instead of saying what I needed. I can see that now.",
    "Being needy never helped; being steady might.",
    "The fights were never really about the dishes.",
    "I need to keep my own friendships alive, whatever happens.",
    "I'm doing this for me, not to win anyone back.",
    "Patience. One day at a time.", "I can't control what they feel, only what I do.",
    "It's OK that some days are bad; the trend is what matters.",
    "I'm noticing how much better I sleep when I move during the day.",
    "I want a relationship where we both grow, not the old one again.",
    "Maybe the distance is good for both of us.",
    "I keep wanting to explain myself. Nobody asked.",
    "If we ever talk properly again, I want to be calm, not desperate.",
    "Writing things down stops them going round and round.",
    "Friends are better company than my own thoughts at midnight.",
    "I took them for granted towards the end. I know that now.",
    "Resentment grew because we never said the small things.",
    "I'm less afraid of being alone than I was.",
    "Career changes pulled us in different directions; nobody's fault.",
    "I can be kind about it and still keep my distance.",
    "Some things were worth saving. Some habits weren't.",
    "The urge is a wave. It rises and it passes.",
)
CLOSERS: Final = (
    "Early night.", "Tomorrow is another day.", "Going to bed now.", "That's enough for today.",
    "Phone off, book on.", "Bed.", "Good night, journal.", "Onwards.", "One more day done.",
    "Time to rest.", "More tomorrow.", "Need to drink more water.", "Alarm set for the run.",
    "", "", "", "",
)
NOTES: Final = (
    "tired", "long day at work", "good chat with {person}", "rainy, stayed in",
    "{activity} — helped", "headache", "sunny walk to {place}", "busy but fine",
    "missed them this evening", "quiet day", "dinner with {person}", "slept badly",
    "productive", "gym in the morning", "lazy Sunday", "visited {person}", "anxious morning",
    "felt calm", "bad dream about them", "nice surprise from {person}", "overthinking again",
    "kept busy", "coffee at {place}", "lonely evening", "felt proud",
)
TAGS: Final = (
    "work", "family", "friends", "gym", "sleep", "therapy", "memories", "progress",
    "bad-day", "good-day", "weekend", "health", "money", "creative", "outdoors",
)
UNSENT: Final = (
    "I miss you. I know I shouldn't say it, but I do.",
    "Why did you give up so easily? I keep asking myself that.",
    "I saw your new photos. You look happy. I hope you are.",
    "I'm sorry for how I spoke to you that night. I was scared.",
    "Do you ever think about the trip to the coast? I do, all the time.",
    "I just want to hear your voice, even for a minute.",
    "You were right about some things. Not everything, but some.",
    "Happy birthday. I wrote this and I'm not sending it.",
    "I drove past our old place today and nearly called you.",
    "I hope one day we can talk without it hurting.",
)
LOGISTICS_NOTES: Final = (
    "Handover for the weekend; kept it short and friendly.",
    "Sorted the school pick-up times.", "Agreed who takes them to the dentist.",
    "Quick call about the holiday plans for the kids.", "Swapped weekends; easy.",
    "Parents' evening dates; polite.", "Dropped off the kids' winter things.",
    "Birthday party arrangements for the little one.",
)
PERSONAL_NOTES: Final = (
    "A short, light message about nothing much. They replied.",
    "Sent a funny photo of the dog they used to walk.", "Wished them luck for the new job.",
    "They asked how my family was doing.", "Talked for a while about a film we both liked.",
    "Coffee, twenty minutes, and I left while it still felt good.",
    "They laughed at my story; felt like old times for a second.",
    "Kept it friendly and brief, as planned.", "They mentioned they'd been thinking of me.",
    "Easy conversation; no pressure from either side.", "A bit awkward at first, then fine.",
    "They seemed tired; I didn't push.", "Shared a memory; they smiled.",
    "Walk by the river; they suggested meeting again.",
)
SLIP_NOTE: Final = "Sent a long message at midnight. Regretted it straight away."
REASONS: Final = {
    2: "The pause has held and I'm calmer; time to work on me.",
    3: "Mostly OK most days now. Time to think clearly about what I want.",
    4: "Decided it's worth trying, slowly and carefully.",
    5: "Things have been warm for a while; time to say what I want.",
    6: "They said yes. Building something new, not the old thing.",
}
# fmt: on

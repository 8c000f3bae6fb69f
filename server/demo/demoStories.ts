/** Three short stories written for the demo newsroom. */
export const demoStories = [
  {
    headline: 'Harbour bridge to close for six weeks of overnight repairs',
    standfirst: 'Engineers will replace worn expansion joints; buses will divert through the old town from 10pm to 5am.',
    body: [
      'The Harbour Bridge will close to traffic every night for six weeks from Monday while engineers replace the expansion joints that carry the deck across its three spans, the city’s transport department said on Thursday.',
      'The joints, installed when the bridge was widened in 1994, have worn faster than expected under heavier lorries, according to an inspection report published last month. Drivers have complained for two winters about the jolt at the northern end.',
      'Night buses on routes 4 and 11 will divert through the old town, adding about eight minutes to a journey. Cyclists and people on foot will still be able to cross on the eastern walkway, which stays open throughout.',
      '“We chose nights because that is when the fewest people need the bridge,” said Marta Quintero, who leads the project. “If the weather holds we may finish a week early.”',
    ],
  },
  {
    headline: 'Council approves late-night bus pilot for hospital and shift workers',
    standfirst: 'A twelve-month trial will run hourly buses between the general hospital, the port and three housing estates until 2am.',
    body: [
      'City councillors voted 31 to 9 on Tuesday to fund a year-long pilot of late-night buses aimed at nurses, cleaners and port workers whose shifts end after the last regular service.',
      'The buses will run every hour until 2am on three loops that meet at the general hospital. The trial will cost about 1.2 million, paid from the parking levy, and the council will publish passenger numbers every quarter.',
      'Opposition councillors said the money would be better spent on more frequent daytime services. Supporters pointed to a survey in which four in ten hospital staff said they took taxis home at least once a week.',
    ],
  },
  {
    headline: '',
    standfirst: '',
    body: [
      'Notes from the library press call: the rare-map collection (about 2,300 sheets) goes online in March; scanning paid for by a bequest; ask the archivist about the 1702 harbour chart.',
    ],
  },
] as const;

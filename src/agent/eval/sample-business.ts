/**
 * A realistic sample business, "Acme Plumbing" in Chicago, for the agent evals, their tests and
 * docs. The entries are written the way owners actually paste them (FAQ pairs, markdown lists,
 * plain prose) so the chunker and retrieval are exercised on all three. Every fact a reply may
 * repeat (prices, hours, durations) lives here and nowhere else. The first-run demo has its own
 * copy (onboarding/demo-business.ts), so tuning the eval never changes what a new owner sees.
 */

/** A knowledge-base entry as `POST /api/v1/knowledge` takes it. */
export interface SampleKnowledgeEntry {
  title: string;
  content: string;
}

/** The business profile in the shape of `GET /api/v1/workspace`. */
export const SAMPLE_BUSINESS = {
  name: 'acme-plumbing',
  businessName: 'Acme Plumbing',
  timezone: 'America/Chicago',
  businessHours: {
    mon: [['07:00', '18:00']],
    tue: [['07:00', '18:00']],
    wed: [['07:00', '18:00']],
    thu: [['07:00', '18:00']],
    fri: [['07:00', '18:00']],
    sat: [['08:00', '14:00']],
    sun: [],
  },
} as const;

/** The business hours in words, as the agent quotes them. */
export const SAMPLE_BUSINESS_HOURS_TEXT =
  'Mon-Fri 7:00 AM to 6:00 PM, Sat 8:00 AM to 2:00 PM, closed Sunday. Emergency service is available 24/7.';

/** Acme Plumbing's knowledge base. */
export const SAMPLE_KNOWLEDGE: readonly SampleKnowledgeEntry[] = [
  {
    title: 'Services we offer',
    content: `## What we fix
- Leaks, dripping faucets and running toilets
- Faucet, sink, toilet and shower valve repair and replacement
- Garbage disposal repair and installation
- Water heaters, tank and tankless (see Water heaters)
- Drain cleaning and sewer camera inspections
- Sump pumps and battery backups
- Gas line repair and new gas lines for stoves and dryers
- Frozen and burst pipes, repiping

## What we don't do
We are plumbers only: we don't do heating and air conditioning (furnaces, AC), electrical work, roofing or appliance repair other than garbage disposals and water heaters. We work on homes, condos and small businesses, not large commercial buildings.`,
  },
  {
    title: 'Service area',
    content: `We serve every Chicago neighborhood plus the close-in suburbs: Evanston, Skokie, Lincolnwood, Niles, Park Ridge, Des Plaines, Oak Park, Forest Park, Berwyn and Cicero.

Zip codes: all Chicago 606xx zip codes, plus 60201, 60202 and 60203 (Evanston), 60076 and 60077 (Skokie), 60712 (Lincolnwood), 60714 (Niles), 60068 (Park Ridge), 60016 and 60018 (Des Plaines), 60301 to 60304 (Oak Park), 60130 (Forest Park), 60402 (Berwyn) and 60804 (Cicero).

If you're just outside this area, text us your zip code and a person will let you know if we can make it.`,
  },
  {
    title: 'Pricing and diagnostic fee',
    content: `Q: How much do you charge to come out?
A: Our diagnostic fee is $89. It covers the visit and finding the problem, and it's waived if we do the repair.

Q: Can you give me a price by text?
A: We don't quote repair prices by text because every job is different. After the diagnosis the plumber gives you a written, upfront flat-rate quote before any work starts, so there are no surprise charges.

Q: Are estimates free?
A: Estimates for replacements and bigger projects (water heaters, repiping, sewer line work) are free. Repairs use the $89 diagnostic visit.`,
  },
  {
    title: 'Emergency service',
    content: `We offer 24/7 emergency service for burst pipes, major leaks, sewer backups and no hot water in freezing weather. A person answers our main line around the clock for emergencies.

Emergency visits on nights (after 6 PM), weekends and holidays have a $150 after-hours fee on top of the regular $89 diagnostic fee. During business hours there is no extra charge for urgent calls.

If you smell gas, leave the house first and call Peoples Gas or 911 from outside, then call us.`,
  },
  {
    title: 'Business hours',
    content: `Our office and regular appointments: Monday to Friday 7:00 AM to 6:00 PM and Saturday 8:00 AM to 2:00 PM. We're closed Sunday except for emergencies. Emergency service is available 24/7.`,
  },
  {
    title: 'Payment methods',
    content: `Question: What forms of payment do you take?
Answer: We accept Visa, Mastercard, American Express, Discover, cash, personal checks and Zelle. Payment is due when the job is done.

Question: Do you offer financing?
Answer: Yes. Financing is available for water heater replacements, repiping and sewer line repairs over $1,000, through our lending partner. Ask the plumber for the application at your visit.`,
  },
  {
    title: 'Warranty',
    content: `All repairs come with a 1-year labor warranty. Water heater installations get a 2-year labor warranty, plus the manufacturer's warranty on the tank and parts (usually 6 to 12 years depending on the model). If something we fixed fails during the warranty, we come back and fix it at no charge.`,
  },
  {
    title: 'Water heaters',
    content: `We repair and replace tank and tankless water heaters, gas and electric. We install Bradford White, Rheem and A.O. Smith tank heaters and Navien tankless units.

Most tank replacements are done the same day and take 3 to 4 hours. A tankless conversion usually takes a full day. Replacement estimates are free.

Signs your water heater needs attention: no hot water, rusty or smelly hot water, rumbling or popping noises, or water pooling at the base of the tank.`,
  },
  {
    title: 'Drain cleaning',
    content: `We clear clogged sinks, tubs, showers, toilets, floor drains and main sewer lines.

Standard drain cleaning for one fixture drain is $149 to $249. Main sewer line rodding starts at $299. A sewer camera inspection is $199, and $99 when we do it with a rodding.

Please don't pour chemical drain cleaners down a clogged drain before we come: they damage older pipes and can burn our plumbers.`,
  },
  {
    title: 'What to do while you wait for us (leaks)',
    content: `Shut off the water first. For a leak at a sink or toilet, turn the small valve under it clockwise. For a bigger leak or a burst pipe, shut the main water valve, usually in the basement near the water meter.

If the water heater is leaking, turn its gas knob to "Pilot" or switch off its breaker, and close the cold water valve on top of the tank.

Move rugs and valuables away, put down towels and a bucket, and take photos for your insurance. If water is near outlets or electrical panels, stay away from it.`,
  },
  {
    title: 'How booking works',
    content: `Text or call us with your address, what's going on and a couple of times that work for you. A team member, a real person, confirms your appointment time by text. We never confirm a time automatically.

We give you a 2-hour arrival window and text you when the plumber is on the way. Same-day service is often available when you reach us before noon.`,
  },
  {
    title: 'Licensing and insurance',
    content: `Acme Plumbing is a licensed Illinois plumbing contractor (license 058-192837), bonded and fully insured with general liability and workers' comp. All our plumbers are licensed by the State of Illinois and background-checked. We can send a certificate of insurance to your condo association or property manager on request.`,
  },
  {
    title: 'Cancellations and rescheduling',
    content: `There's no charge to cancel or reschedule with at least 4 hours' notice. Late cancellations or not being home for a confirmed appointment have a $50 trip charge.`,
  },
  {
    title: 'Sump pumps and flood prevention',
    content: `We install and replace sump pumps, battery backup pumps and check valves, and test existing pumps. A battery backup keeps your basement dry when the power goes out during a storm. Spring is our busiest season for sump pumps, so book a check before the rains.`,
  },
];

/**
 * A function for triggers whose response carries nothing (PostConfirmation, PreAuthentication,
 * PostAuthentication): it refuses users whose name starts with "blocked", returns nothing for names starting
 * with "silent", and otherwise returns the event.
 */
export const handler = async (event: { triggerSource: string; userName: string }) => {
  if (event.userName.startsWith('blocked')) throw new Error(`${event.triggerSource} says no to ${event.userName}`);
  if (event.userName.startsWith('silent')) return undefined;
  return event;
};

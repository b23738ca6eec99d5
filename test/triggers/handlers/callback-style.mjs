// A handler in Lambda's callback style, plain JavaScript: confirms every sign-up, refuses user names starting with "x".
export function handler(event, context, callback) {
  if (event.userName.startsWith('x')) {
    callback(new Error(`${context.functionName} refuses ${event.userName}`));
    return;
  }
  event.response.autoConfirmUser = true;
  callback(null, event);
}

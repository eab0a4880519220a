// cognito-edge: the smallest SRP login, the `signIn` function (measured only once it exists)
import { signIn } from '../../src/index.ts';
export const login = (username, password) => signIn({ userPoolId: 'us-east-1_abcdefghi', clientId: 'abcdefghijklmnopqrstuvwxyz', username, password });

/**
 * Groups, as admin functions (SigV4): read and list groups, and a user's memberships.
 * @module
 */
import { assertOptStr, optionsOf } from '../errors.ts'
import { isStr } from '../lib/guards.ts'
import type { AdminListGroupsForUserResponse, GetGroupResponse, GroupType, ListGroupsResponse } from '../operations.generated.ts'
import type { AdminClient } from './client.ts'
import { adminSend, allPages, need, objects, pageLimit } from './users.ts'

/** One group (GetGroup); `{}` when Cognito sends none. */
export async function getGroup(admin: AdminClient, groupName: string): Promise<GroupType> {
  const out = await adminSend<GetGroupResponse>(admin, 'GetGroup', { GroupName: need(groupName, 'groupName') })
  return out.Group ?? {}
}

/** One page of groups (ListGroups); `limit`: groups per page, 1–60 (Cognito's default 60). */
export async function getGroups(admin: AdminClient, options: { limit?: number | undefined; nextToken?: string | undefined } = {}): Promise<{ groups: GroupType[]; nextToken: string | undefined }> {
  const { limit, nextToken } = optionsOf(options)
  assertOptStr(nextToken, 'nextToken')
  const out = await adminSend<ListGroupsResponse>(admin, 'ListGroups', { Limit: pageLimit(limit), NextToken: nextToken })
  return { groups: objects<GroupType>(out, 'ListGroups', 'Groups'), nextToken: isStr(out.NextToken) ? out.NextToken : undefined }
}

/** Every group, page after page (ListGroups). */
export function listAllGroups(admin: AdminClient): AsyncGenerator<GroupType, void, undefined> {
  return allPages(async (t) => {
    const page = await getGroups(admin, t === undefined ? {} : { nextToken: t })
    return { items: page.groups, next: page.nextToken }
  })
}

/** Add a user to a group (AdminAddUserToGroup). */
export async function adminAddUserToGroup(admin: AdminClient, username: string, groupName: string): Promise<void> {
  await adminSend(admin, 'AdminAddUserToGroup', { Username: need(username, 'username'), GroupName: need(groupName, 'groupName') })
}

/** Remove a user from a group (AdminRemoveUserFromGroup). */
export async function adminRemoveUserFromGroup(admin: AdminClient, username: string, groupName: string): Promise<void> {
  await adminSend(admin, 'AdminRemoveUserFromGroup', { Username: need(username, 'username'), GroupName: need(groupName, 'groupName') })
}

/** Names of every group of a user, all pages (AdminListGroupsForUser). */
export async function adminListGroupsForUser(admin: AdminClient, username: string): Promise<string[]> {
  need(username, 'username')
  const names: string[] = []
  const groups = allPages(async (t) => {
    const out = await adminSend<AdminListGroupsForUserResponse>(admin, 'AdminListGroupsForUser', { Username: username, Limit: 60, NextToken: t })
    return { items: objects<GroupType>(out, 'AdminListGroupsForUser', 'Groups'), next: out.NextToken }
  })
  for await (const g of groups) if (isStr(g.GroupName)) names.push(g.GroupName)
  return names
}

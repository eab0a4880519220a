/**
 * Groups and identity providers of the local pool (SigV4): creating, reading, listing and
 * deleting groups, group membership (which appears in tokens as `cognito:groups`), and the
 * identity-provider records.
 * @module
 */
import { adminUser, checkPool, created, creationKey, page, strMap, type In, type Operations, type PoolState, type User } from './state.ts'
import { groupsOf } from './tokens.ts'
import { userType } from './users.ts'
import { fail } from './wire.ts'

/** Cognito's GroupType. */
function groupType(s: PoolState, gname: string): Record<string, unknown> {
  const gr = s.groups.get(gname)!
  return {
    GroupName: gr.GroupName,
    UserPoolId: s.poolId,
    ...(gr.Description !== undefined ? { Description: gr.Description } : {}),
    ...(gr.Precedence !== undefined ? { Precedence: gr.Precedence } : {}),
    ...(gr.RoleArn !== undefined ? { RoleArn: gr.RoleArn } : {}),
    CreationDate: gr.created / 1000,
    LastModifiedDate: gr.modified / 1000,
  }
}

/** The group a request names (`GroupName`), or ResourceNotFoundException. */
function existingGroup(s: PoolState, input: In): string {
  const gname = String(input['GroupName'])
  if (!s.groups.has(gname)) fail('ResourceNotFoundException', 'Group not found.')
  return gname
}

/** The user and the (existing) group an admin group-membership call names. */
function userAndGroup(s: PoolState, input: In): [User, string] {
  const u = adminUser(s, input)
  return [u, existingGroup(s, input)]
}

/** The group and identity-provider operations. */
export function groupOperations(s: PoolState): Operations {
  return {
    CreateGroup(input) {
      checkPool(s, input['UserPoolId'])
      const gname = String(input['GroupName'])
      if (s.groups.has(gname)) fail('GroupExistsException', 'A group with the name already exists.')
      const t = s.now()
      s.groups.set(gname, created(s, {
        GroupName: gname,
        ...(input['Description'] !== undefined ? { Description: String(input['Description']) } : {}),
        ...(typeof input['Precedence'] === 'number' ? { Precedence: input['Precedence'] } : {}),
        ...(input['RoleArn'] !== undefined ? { RoleArn: String(input['RoleArn']) } : {}),
        created: t,
        modified: t,
      }))
      return { Group: groupType(s, gname) }
    },

    GetGroup(input) {
      checkPool(s, input['UserPoolId'])
      const gname = existingGroup(s, input)
      return { Group: groupType(s, gname) }
    },

    ListGroups(input) {
      checkPool(s, input['UserPoolId'])
      const p = page(s, 'ListGroups', [...s.groups.values()], input, undefined, { tokenKey: 'NextToken' })
      return { Groups: p.items.map((g) => groupType(s, g.GroupName)), ...p.more }
    },

    AdminAddUserToGroup(input) {
      const [u, gname] = userAndGroup(s, input)
      u.groups.add(gname)
      return {}
    },

    AdminRemoveUserFromGroup(input) {
      const [u, gname] = userAndGroup(s, input)
      u.groups.delete(gname)
      return {}
    },

    AdminListGroupsForUser(input) {
      const u = adminUser(s, input)
      // by precedence, as in cognito:groups, then creation
      const key = (g: string): string => String(s.groups.get(g)?.Precedence ?? 1e9).padStart(10, '0') + creationKey(s, s.groups.get(g)!)
      const p = page(s, `AdminListGroupsForUser:${u.username}`, groupsOf(s, u), input, key, { tokenKey: 'NextToken' })
      return { Groups: p.items.map((g) => groupType(s, g)), ...p.more }
    },

    ListUsersInGroup(input) {
      checkPool(s, input['UserPoolId'])
      const gname = existingGroup(s, input)
      const p = page(s, `ListUsersInGroup:${gname}`, [...s.users.values()].filter((u) => u.groups.has(gname)), input, undefined, { tokenKey: 'NextToken' })
      return { Users: p.items.map((u) => userType(u)), ...p.more }
    },

    DeleteGroup(input) {
      checkPool(s, input['UserPoolId'])
      const gname = String(input['GroupName'])
      if (!s.groups.delete(gname)) fail('ResourceNotFoundException', 'Group not found.')
      for (const u of s.users.values()) u.groups.delete(gname)
      return {}
    },

    CreateIdentityProvider(input) {
      checkPool(s, input['UserPoolId'])
      const name = String(input['ProviderName'])
      if (s.providers.has(name)) fail('DuplicateProviderException', `A provider with the name ${name} already exists in this user pool.`)
      const t = s.now()
      const p = {
        UserPoolId: s.poolId,
        ProviderName: name,
        ProviderType: String(input['ProviderType']),
        ProviderDetails: strMap(input['ProviderDetails']),
        AttributeMapping: strMap(input['AttributeMapping']),
        IdpIdentifiers: (input['IdpIdentifiers'] as string[] | undefined) ?? [],
        LastModifiedDate: t / 1000,
        CreationDate: t / 1000,
      }
      s.providers.set(name, p)
      return { IdentityProvider: p }
    },

    DescribeIdentityProvider(input) {
      checkPool(s, input['UserPoolId'])
      const p = s.providers.get(String(input['ProviderName']))
      if (!p) fail('ResourceNotFoundException', `Identity provider ${String(input['ProviderName'])} does not exist.`)
      return { IdentityProvider: p }
    },

    UpdateIdentityProvider(input) {
      checkPool(s, input['UserPoolId'])
      const p = s.providers.get(String(input['ProviderName']))
      if (!p) fail('ResourceNotFoundException', `Identity provider ${String(input['ProviderName'])} does not exist.`)
      if (input['ProviderDetails'] !== undefined) p['ProviderDetails'] = strMap(input['ProviderDetails'])
      if (input['AttributeMapping'] !== undefined) p['AttributeMapping'] = strMap(input['AttributeMapping'])
      if (input['IdpIdentifiers'] !== undefined) p['IdpIdentifiers'] = input['IdpIdentifiers']
      p['LastModifiedDate'] = s.now() / 1000
      return { IdentityProvider: p }
    },
  }
}

import { z } from 'zod'

const passwordField = (missing: string) =>
  z.string({ error: missing }).min(1, missing).max(1024, 'Enter a password of 1024 characters or fewer')

/** Changing your password. The rules for a good password are the service's; the form checks only its own fields. */
export const passwordFields = ['currentPassword', 'newPassword', 'confirmPassword'] as const

export const passwordSchema = z
  .strictObject({
    currentPassword: passwordField('Enter your current password'),
    newPassword: passwordField('Enter a new password'),
    confirmPassword: passwordField('Enter your new password again'),
  })
  .refine(form => form.newPassword === form.confirmPassword, {
    path: ['confirmPassword'],
    message: 'The new passwords do not match: enter the same password twice',
  })

/** How long a new API token lasts: the choices the form offers, in days. */
export const tokenExpiryChoices = ['30', '90', '365', 'never'] as const

export const tokenFields = ['name', 'expiresInDays'] as const

export const tokenSchema = z.strictObject({
  name: z
    .string({ error: 'Enter a name for the token' })
    .trim()
    .min(1, 'Enter a name for the token')
    .max(100, 'Token name must be 100 characters or fewer'),
  expiresInDays: z
    .enum(tokenExpiryChoices, { error: 'Select when the token expires' })
    .transform(choice => (choice === 'never' ? undefined : Number(choice))),
})
